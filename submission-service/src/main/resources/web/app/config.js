// The app's runtime configuration, served by submission-service at /app-config.json (lectern.web.* properties):
// where review-service is, and the OpenID Connect provider to sign in with (or the local stack's token sign-in).
let loaded = { submissionApi: '', reviewApi: '', oidc: null, localSignIn: false };

export async function loadConfig() {
  const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
  if (response.ok) loaded = { ...loaded, ...(await response.json()) };
  return loaded;
}

export function appConfig() {
  return loaded;
}
