-- The trace context (W3C traceparent) of the request that wrote an event; the relay sends it on as the message's
-- ce_traceparent and traceparent headers. Null when tracing is off. A nullable column without a default: adding it
-- rewrites nothing, and instances of the previous version go on writing rows without it.
ALTER TABLE outbox ADD COLUMN traceparent text;
