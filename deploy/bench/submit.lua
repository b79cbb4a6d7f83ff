-- wrk script: POST a ~1.6 KB proposal (Chinese and English, two speakers) with a title that differs
-- on every request. Environment: BENCH_TOKEN (a speaker's bearer token), BENCH_EVENT (event slug),
-- BENCH_BODY (path of the proposal template; __TITLE__ is replaced).
local token = os.getenv("BENCH_TOKEN")
local event = os.getenv("BENCH_EVENT")
local file = assert(io.open(os.getenv("BENCH_BODY"), "r"))
local template = file:read("*a"):gsub("%s+$", "")
file:close()
local head, tail = template:match("^(.-)__TITLE__(.*)$")
local path = "/api/events/" .. event .. "/proposals"
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
  ["Accept"] = "application/json",
}
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local title = "OSPO 价值衡量：贡献量还是业务影响？ Metrics debate #" .. tid .. "-" .. counter
  return wrk.format("POST", path, headers, head .. title .. tail)
end

function done(summary, latency, requests)
  -- Machine-readable lines for run.sh (latency in microseconds).
  io.write(string.format("BENCH requests=%d duration_us=%d errors_status=%d errors_connect=%d errors_timeout=%d\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.timeout))
  io.write(string.format("BENCH p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
