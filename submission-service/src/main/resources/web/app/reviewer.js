// Reviewer pages: my assignments (blind: review-service's projection never held who the speakers are), my
// progress and due dates, and the scoring form built from the event's criteria.
import { html, nothing } from 'lit';
import { listMyAssignments, getMyAssignment, writeMyReview, getMyProgress, getEvent } from './lectern-api.js';
import { Page, field } from './forms.js';
import { localized, t } from './i18n.js';
import { when } from './time.js';

// The events as everyone may read them (submission-service): their names, and their tracks' and formats' names
// in the viewer's language. A slug is shown as it is when its event cannot be read.
async function eventsOf(slugs) {
  const entries = await Promise.all([...new Set(slugs)].map((slug) =>
    getEvent({ event: slug }).then((r) => [slug, r.data], () => [slug, null])));
  return Object.fromEntries(entries);
}

function named(list, slug) {
  const item = (list || []).find((x) => x.slug === slug);
  return item ? localized(item.name) : slug;
}

function trackAndFormat(event, p) {
  return `${named(event && event.tracks, p.track)} · ${named(event && event.formats, p.format)}`;
}

class Assignments extends Page {
  static properties = { assignments: { state: true }, progress: { state: true }, events: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    await this.run(async () => {
      const [assignments, progress] = await Promise.all([listMyAssignments(), getMyProgress()]);
      this.events = await eventsOf([...assignments.data.map((a) => a.event), ...progress.data.map((p) => p.event)]);
      this.assignments = assignments.data;
      this.progress = progress.data;
    });
  }

  render() {
    return html`<h1>${t('review.title')}</h1>
      ${this.problemSummary()}
      <section aria-labelledby="progress-h">
        <h2 id="progress-h">${t('review.progress')}</h2>
        ${(this.progress || []).map((p) => html`<div class="progress-row">
          <p><strong>${this.events && this.events[p.event] ? localized(this.events[p.event].name) : p.event}</strong> · ${t(`phase.${p.phase}`)}${p.dueAt ? html` · ${t('review.due')} ${when(p.dueAt)}` : nothing}</p>
          <label for="progress-${p.event}">${t('review.doneOf', { done: p.done, assigned: p.assigned })}</label>
          <progress id="progress-${p.event}" max=${p.assigned || 1} value=${p.done}></progress>
          ${p.overdue ? html`<p class="field-error">${t('review.overdue', { n: p.overdue })}</p>` : nothing}
        </div>`)}
      </section>
      <section aria-labelledby="assigned-h">
        <h2 id="assigned-h">${t('review.assigned')}</h2>
        ${this.assignments && !this.assignments.length ? html`<p>${t('review.none')}</p>` : nothing}
        <ul class="cards">${(this.assignments || []).map((a) => html`<li class="card" data-proposal=${a.proposal.id}>
          <h3>${a.proposal.title}</h3>
          <p>${trackAndFormat(this.events && this.events[a.event], a.proposal)} · ${t(`language.${a.proposal.language}`)}</p>
          <p><span class="status ${a.review ? 'status-confirmed' : 'status-submitted'}">${a.review ? t('review.reviewed') : t('review.toDo')}</span></p>
          <a class="button ${a.review ? '' : 'primary'}" href="#/review/${a.proposal.id}">${a.review ? t('review.edit') : t('review.write')}<span class="visually-hidden">: ${a.proposal.title}</span></a>
        </li>`)}</ul>
      </section>`;
  }
}
customElements.define('lectern-assignments', Assignments);

class ReviewForm extends Page {
  static properties = { proposal: {}, assignment: { state: true }, scores: { state: true }, comment: { state: true }, confidence: { state: true }, event: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    await this.run(async () => {
      const a = (await getMyAssignment({ proposalId: this.proposal })).data;
      this.event = (await eventsOf([a.event]))[a.event];
      this.assignment = a;
      this.scores = { ...(a.review ? a.review.scores : {}) };
      this.comment = a.review ? a.review.comment || '' : '';
      this.confidence = a.review ? a.review.confidence : 3;
    });
  }

  async save() {
    const scores = Object.fromEntries(Object.entries(this.scores).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, Number(v)]));
    const saved = await this.run(() => writeMyReview({ proposalId: this.proposal },
      { scores, comment: this.comment || undefined, confidence: Number(this.confidence) }), { notice: t('review.saved') });
    if (saved) this.assignment = { ...this.assignment, review: saved.data };
  }

  render() {
    const a = this.assignment;
    if (!a) return html`<h1>${t('review.formTitle')}</h1>${this.problemSummary()}`;
    const p = a.proposal;
    const open = a.phase === 'OPEN';
    const placed = ['comment', 'confidence', 'scores', ...a.criteria.map((c) => `scores.${c.key}`)];
    return html`<h1>${t('review.formTitle')}</h1>
      <p><a href="#/review">${t('review.back')}</a></p>
      <article class="proposal-text" lang=${p.language === 'zh' ? 'zh-CN' : 'en'}>
        <h2>${p.title}</h2>
        <p class="hint">${trackAndFormat(this.event, p)}${(p.tags || []).length ? html` · ${p.tags.join(', ')}` : nothing}</p>
        <h3>${t('proposal.abstract')}</h3><p class="text">${p.abstract}</p>
        ${p.description ? html`<h3>${t('proposal.description')}</h3><p class="text">${p.description}</p>` : nothing}
      </article>
      <p>${t(`phase.${a.phase}`)}${a.dueAt ? html` · ${t('review.due')} ${when(a.dueAt)}` : nothing}</p>
      ${this.problemSummary(placed)}
      <form @submit=${(e) => { e.preventDefault(); this.save(); }} novalidate>
        <fieldset ?disabled=${!open}>
          <legend>${t('review.scores')}</legend>
          ${a.criteria.map((c) => field(this, {
            name: `scores.${c.key}`, label: `${localized(c.name)} (${c.min}–${c.max})`, kind: 'number', required: true,
            value: this.scores[c.key], hint: t('review.weight', { w: c.weight }), attrs: { min: c.min, max: c.max, step: 1 },
            onInput: (v) => { this.scores = { ...this.scores, [c.key]: v }; },
          }))}
          ${field(this, { name: 'confidence', label: t('review.confidence'), kind: 'select', value: String(this.confidence), required: true,
            options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`confidence.${n}`) })), onInput: (v) => { this.confidence = v; } })}
          ${field(this, { name: 'comment', label: t('review.comment'), kind: 'textarea', value: this.comment, onInput: (v) => { this.comment = v; }, attrs: { rows: 5 } })}
          <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${a.review ? t('review.update') : t('review.submit')}</button></div>
        </fieldset>
      </form>
      ${!open ? html`<p class="notice">${t('review.closed')}</p>` : nothing}`;
  }
}
customElements.define('lectern-review-form', ReviewForm);
