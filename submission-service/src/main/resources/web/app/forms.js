// Shared pieces of the pages: a labelled field whose problem-detail messages sit next to it, the problem
// summary, and the light-DOM base element (global styles apply; tests and assistive tech see one document).
import { LitElement, html, nothing } from 'lit';
import { ApiProblem } from './api-runtime.js';
import { t } from './i18n.js';

export class Page extends LitElement {
  static properties = { problem: { state: true }, busy: { state: true }, notice: { state: true } };

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this._lang = () => this.requestUpdate();
    window.addEventListener('lectern-lang', this._lang);
  }

  disconnectedCallback() {
    window.removeEventListener('lectern-lang', this._lang);
    super.disconnectedCallback();
  }

  /** Runs an API call, keeping the problem it answers with; focuses the first field it names, or the summary. */
  async run(action, { notice } = {}) {
    this.busy = true;
    this.problem = null;
    this.notice = null;
    try {
      const result = await action();
      if (notice) this.notice = notice;
      return result;
    } catch (e) {
      this.problem = e instanceof ApiProblem ? e : new ApiProblem(0, { title: e.message });
      await this.updateComplete;
      const first = this.querySelector('[aria-invalid="true"]') || this.querySelector('.problem');
      if (first) first.focus();
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  errorsFor(field) {
    return this.problem ? this.problem.messagesFor(field) : [];
  }

  /** Messages for fields no control on the page shows, for the summary. */
  unplacedErrors(placed) {
    if (!this.problem) return [];
    return this.problem.fieldErrors.filter((e) => !placed.some((p) => e.field === p));
  }

  problemSummary(placed = []) {
    if (!this.problem) return this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing;
    const p = this.problem.problem;
    const rest = this.unplacedErrors(placed);
    return html`<div class="problem" role="alert" tabindex="-1">
      <p><strong>${p.title || t('problem.generic')}</strong>${p.detail && !p.errors ? html` ${p.detail}` : nothing}</p>
      ${rest.length ? html`<ul>${rest.map((e) => html`<li>${e.field ? html`<code>${e.field}</code>: ` : nothing}${e.message}</li>`)}</ul>` : nothing}
    </div>`;
  }
}

let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * A labelled control with its hint and its errors. kind: text, textarea, select, number, datetime-local, email.
 * The id is derived from the field path, so the same field keeps its id across renders.
 */
export function field(page, { name, label, value, kind = 'text', hint, required, options, onInput, attrs = {} }) {
  const id = `f-${name.replace(/[^A-Za-z0-9]/g, '-')}`;
  const errors = page.errorsFor(name);
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-err` : ''].filter(Boolean).join(' ') || nothing;
  const input = (e) => onInput && onInput(e.target.type === 'checkbox' ? e.target.checked : e.target.value);
  let control;
  if (kind === 'textarea') {
    control = html`<textarea id=${id} name=${name} .value=${value ?? ''} ?required=${required}
      aria-invalid=${errors.length ? 'true' : 'false'} aria-describedby=${described} @input=${input}
      maxlength=${attrs.maxlength ?? nothing} rows=${attrs.rows ?? 4}></textarea>`;
  } else if (kind === 'select') {
    control = html`<select id=${id} name=${name} ?required=${required} aria-invalid=${errors.length ? 'true' : 'false'}
      aria-describedby=${described} @change=${input}>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  } else if (kind === 'checkbox') {
    control = html`<input type="checkbox" id=${id} name=${name} .checked=${!!value} aria-describedby=${described}
      @change=${input}>`;
  } else {
    control = html`<input type=${kind} id=${id} name=${name} .value=${value ?? ''} ?required=${required}
      aria-invalid=${errors.length ? 'true' : 'false'} aria-describedby=${described} @input=${input}
      min=${attrs.min ?? nothing} max=${attrs.max ?? nothing} step=${attrs.step ?? nothing}
      autocomplete=${attrs.autocomplete ?? nothing}>`;
  }
  return html`<div class="field ${kind === 'checkbox' ? 'check' : ''} ${errors.length ? 'invalid' : ''}">
    <label for=${id}>${label}${required ? html` <span class="req">${t('form.required')}</span>` : nothing}</label>
    ${control}
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${errors.length ? html`<p class="field-error" id="${id}-err">${errors.join('; ')}</p>` : nothing}
  </div>`;
}

export function csvList(text) {
  return (text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function download(name, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
