// The Lectern web app: a shell with the sign-in, the language switch and the pages by role and task.
// Routes live in the URL's fragment (#/...), so every page is a link and submission-service serves one file.
import { LitElement, html, nothing } from 'lit';
import { loadConfig, appConfig } from './config.js';
import { claims, completeSignIn, hasRole, signIn, signOut, useLocalToken } from './auth.js';
import { lang, setLang, t } from './i18n.js';
import './speaker.js';
import './reviewer.js';
import './organizer.js';

const ROUTES = [
  [/^#\/?$/, () => html`<lectern-cfps></lectern-cfps>`],
  [/^#\/events\/([^/]+)\/submit$/, (m) => html`<lectern-proposal-form event=${m[1]}></lectern-proposal-form>`],
  [/^#\/proposals\/([^/]+)\/edit$/, (m) => html`<lectern-proposal-form proposal=${m[1]}></lectern-proposal-form>`],
  [/^#\/me\/proposals$/, () => html`<lectern-my-proposals></lectern-my-proposals>`],
  [/^#\/review$/, () => html`<lectern-assignments></lectern-assignments>`],
  [/^#\/review\/([^/]+)$/, (m) => html`<lectern-review-form proposal=${m[1]}></lectern-review-form>`],
  [/^#\/organize$/, () => html`<lectern-organizer-events></lectern-organizer-events>`],
  [/^#\/organize\/new$/, () => html`<lectern-event-form></lectern-event-form>`],
  [/^#\/organize\/([^/]+)(?:\/([a-z]+))?$/, (m) => html`<lectern-organizer-event event=${m[1]} tab=${m[2] || 'event'}></lectern-organizer-event>`],
];

class LecternApp extends LitElement {
  static properties = { route: { state: true }, ready: { state: true }, error: { state: true }, pasting: { state: true } };

  createRenderRoot() {
    return this;
  }

  async connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => this.navigated());
    window.addEventListener('lectern-lang', () => this.requestUpdate());
    document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
    const config = await loadConfig();
    try {
      await completeSignIn(config.oidc);
    } catch (e) {
      this.error = e.message;
    }
    this.ready = true;
    this.route = location.hash;
  }

  async navigated() {
    this.route = location.hash;
    await this.updateComplete;
    const heading = this.querySelector('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  page() {
    for (const [pattern, render] of ROUTES) {
      const m = (this.route || '#/').match(pattern);
      if (m) return render(m.map((part) => part && decodeURIComponent(part)));
    }
    return html`<h1>${t('app.notFound')}</h1><p><a href="#/">${t('nav.home')}</a></p>`;
  }

  signInControls() {
    const config = appConfig();
    const me = claims();
    if (me) {
      return html`<span class="who">${me.name || me.email || me.sub}</span>
        <button type="button" @click=${async () => { await signOut(config.oidc); this.requestUpdate(); location.hash = '#/'; }}>${t('auth.signOut')}</button>`;
    }
    if (config.oidc) {
      return html`<button type="button" class="primary" @click=${() => signIn(config.oidc)}>${t('auth.signIn')}</button>`;
    }
    if (config.localSignIn) {
      return html`<button type="button" @click=${() => { this.pasting = !this.pasting; }} aria-expanded=${this.pasting ? 'true' : 'false'}
        aria-controls="local-sign-in">${t('auth.localSignIn')}</button>`;
    }
    return nothing;
  }

  localSignIn() {
    if (!this.pasting || claims()) return nothing;
    const submit = (e) => {
      e.preventDefault();
      try {
        useLocalToken(new FormData(e.target).get('token'));
        this.pasting = false;
        this.error = null;
      } catch (err) {
        this.error = t('auth.badToken');
      }
    };
    return html`<form id="local-sign-in" class="local-sign-in" @submit=${submit}>
      <p><strong>${t('auth.localOnly')}</strong> ${t('auth.localHint')} <code>./lectern token speaker lilei@example.com</code></p>
      <label for="local-token">${t('auth.token')}</label>
      <textarea id="local-token" name="token" rows="3" required></textarea>
      <button type="submit" class="primary">${t('auth.useToken')}</button>
    </form>`;
  }

  render() {
    if (!this.ready) return html`<p role="status">${t('app.loading')}</p>`;
    const other = lang() === 'zh' ? 'en' : 'zh';
    return html`<a class="skip" href="#main" @click=${(e) => { e.preventDefault(); this.querySelector('main').focus(); }}>${t('app.skip')}</a>
      <header>
        <a class="brand" href="#/">Lectern</a>
        <nav aria-label=${t('nav.label')}>
          <a href="#/">${t('nav.cfps')}</a>
          ${claims() ? html`<a href="#/me/proposals">${t('nav.myProposals')}</a>` : nothing}
          ${hasRole('reviewer') ? html`<a href="#/review">${t('nav.review')}</a>` : nothing}
          ${hasRole('organizer') ? html`<a href="#/organize">${t('nav.organize')}</a>` : nothing}
        </nav>
        <div class="tools">
          <button type="button" lang=${other === 'zh' ? 'zh-CN' : 'en'} @click=${() => setLang(other)}>${other === 'zh' ? '中文' : 'English'}</button>
          ${this.signInControls()}
        </div>
      </header>
      ${this.localSignIn()}
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : nothing}
      <main id="main" tabindex="-1">${this.page()}</main>`;
  }
}

customElements.define('lectern-app', LecternApp);
