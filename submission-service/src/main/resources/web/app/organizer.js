// Organizer pages: events (create, edit: tracks, formats, window, languages, and review-service's criteria),
// import with a dry run, reviewers and conflicts (add, edit, remove), assignment (run, by hand, unassign), identity
// flags and redactions, ranking with explanations, selection and publish,
// the decisions summary and the CSV exports.
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import {
  listEvents, getEvent, createEvent, updateEvent, importProposals, countEventProposals,
  getReviewSettings, setReviewSettings, listReviewers, createReviewer, updateReviewer, deleteReviewer,
  runAssignment, listAssignments, assignReviewer, unassignReviewer, listReviewProposals,
  listIdentityFlags, getReviewProposal, setRedaction, deleteRedaction, getRanking, runSelection, listDecisions, publishDecisions, getDecisionSummary,
} from './lectern-api.js';
import { Page, field, csvList, download } from './forms.js';
import { ApiProblem } from './api-runtime.js';
import { roles } from './auth.js';
import { localized, t } from './i18n.js';
import { fromLocalInput, toLocalInput, viewerZone, when } from './time.js';

class OrganizerEvents extends Page {
  static properties = { events: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    this.events = await this.run(async () => (await listEvents()).data);
  }

  render() {
    const mine = (this.events || []).filter((e) => roles().includes('organizer') || roles().includes(`organizer:${e.slug}`));
    return html`<h1>${t('org.title')}</h1>
      ${this.problemSummary()}
      ${roles().includes('organizer') ? html`<p><a class="button primary" href="#/organize/new">${t('org.newEvent')}</a></p>` : nothing}
      <ul class="cards">${mine.map((e) => html`<li class="card">
        <h2>${localized(e.name)}</h2>
        <p>${e.cfpOpen ? t('cfps.open') : t('cfps.closed')} · ${when(e.cfpOpensAt, e.timeZone)} – ${when(e.cfpClosesAt, e.timeZone)}</p>
        <a class="button" href="#/organize/${e.slug}">${t('org.manage')}<span class="visually-hidden">: ${localized(e.name)}</span></a>
      </li>`)}</ul>`;
  }
}
customElements.define('lectern-organizer-events', OrganizerEvents);

async function untilKnown(call, tries = 30) {
  for (let i = 0; ; i += 1) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiProblem) || e.status !== 404 || i >= tries) throw e;
      await new Promise((resolve) => { setTimeout(resolve, 500); });
    }
  }
}

const DEFAULT_CRITERIA = [
  { key: 'relevance', name: { en: 'Relevance', zh: '相关性' }, weight: 1, min: 1, max: 5 },
  { key: 'quality', name: { en: 'Quality', zh: '质量' }, weight: 1, min: 1, max: 5 },
];

/** The event form: the event in submission-service and its review settings (criteria) in review-service. */
class EventForm extends Page {
  static properties = { event: {}, model: { state: true }, settings: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    if (!this.event) {
      const zone = 'Asia/Shanghai';
      const now = new Date();
      this.model = {
        slug: '', nameEn: '', nameZh: '', timeZone: zone, languages: 'zh, en',
        opens: toLocalInput(now.toISOString(), zone),
        closes: toLocalInput(new Date(now.getTime() + 30 * 86400000).toISOString(), zone),
        tracks: [{ slug: '', name: { en: '', zh: '' } }],
        formats: [{ slug: 'talk', name: { en: 'Talk', zh: '演讲' }, durationMinutes: 30, minSpeakers: 1, maxSpeakers: 1, slides: true }],
      };
      this.settings = { criteria: DEFAULT_CRITERIA.map((c) => ({ ...c, name: { ...c.name } })), reviewsPerProposal: 2, phase: 'OPEN', dueAt: '' };
      return;
    }
    await this.run(async () => {
      const read = await getEvent({ event: this.event });
      const e = read.data;
      this.etag = read.etag;
      this.model = {
        slug: e.slug, nameEn: e.name.en || '', nameZh: e.name.zh || '', timeZone: e.timeZone, languages: e.languages.join(', '),
        opens: toLocalInput(e.cfpOpensAt, e.timeZone), closes: toLocalInput(e.cfpClosesAt, e.timeZone),
        respondBy: toLocalInput(e.respondBy, e.timeZone),
        tracks: e.tracks.map((tr) => ({ ...tr, name: { ...tr.name } })),
        formats: e.formats.map((f) => ({ ...f, name: { ...f.name } })),
      };
      const s = await getReviewSettings({ event: this.event }).catch(() => null);
      this.settings = s ? { ...s.data, dueAt: s.data.dueAt ? toLocalInput(s.data.dueAt, e.timeZone) : '' }
        : { criteria: DEFAULT_CRITERIA.map((c) => ({ ...c, name: { ...c.name } })), reviewsPerProposal: 2, phase: 'OPEN', dueAt: '' };
    });
  }

  set(name, value) {
    this.model = { ...this.model, [name]: value };
  }

  setRow(list, i, path, value) {
    const rows = this.model[list].map((row, j) => {
      if (i !== j) return row;
      const copy = { ...row, name: { ...row.name } };
      if (path.startsWith('name.')) copy.name[path.slice(5)] = value;
      else copy[path] = value;
      return copy;
    });
    this.set(list, rows);
  }

  setCriterion(i, path, value) {
    const criteria = this.settings.criteria.map((c, j) => {
      if (i !== j) return c;
      const copy = { ...c, name: { ...c.name } };
      if (path.startsWith('name.')) copy.name[path.slice(5)] = value;
      else copy[path] = value;
      return copy;
    });
    this.settings = { ...this.settings, criteria };
  }

  async save() {
    const m = this.model;
    const body = {
      slug: m.slug, name: { en: m.nameEn, zh: m.nameZh || undefined }, timeZone: m.timeZone,
      cfpOpensAt: fromLocalInput(m.opens, m.timeZone), cfpClosesAt: fromLocalInput(m.closes, m.timeZone),
      respondBy: m.respondBy ? fromLocalInput(m.respondBy, m.timeZone) : undefined,
      languages: csvList(m.languages),
      tracks: m.tracks.map((tr) => ({ slug: tr.slug, name: { en: tr.name.en, zh: tr.name.zh || undefined } })),
      formats: m.formats.map((f) => ({
        slug: f.slug, name: { en: f.name.en, zh: f.name.zh || undefined }, durationMinutes: Number(f.durationMinutes),
        minSpeakers: Number(f.minSpeakers), maxSpeakers: Number(f.maxSpeakers), slides: !!f.slides,
      })),
    };
    const s = this.settings;
    const settings = {
      criteria: s.criteria.map((c) => ({ key: c.key, name: { en: c.name.en, zh: c.name.zh || undefined }, weight: Number(c.weight), min: Number(c.min), max: Number(c.max) })),
      reviewsPerProposal: Number(s.reviewsPerProposal), phase: s.phase,
      dueAt: s.dueAt ? fromLocalInput(s.dueAt, m.timeZone) : undefined,
    };
    const done = await this.run(async () => {
      if (this.event || this.created) await updateEvent({ event: m.slug }, body);
      else await createEvent({}, body);
      this.created = true;
      // review-service learns of a new event over Kafka, a moment after submission-service created it.
      await untilKnown(() => setReviewSettings({ event: m.slug }, settings));
      return true;
    }, { notice: t('org.saved') });
    if (done && !this.event) location.hash = `#/organize/${m.slug}`;
  }

  rows(list, render, add, labelKey) {
    return html`<fieldset><legend>${t(labelKey)}</legend>
      ${this.model[list].map((row, i) => html`<div class="row" role="group" aria-label="${t(labelKey)} ${i + 1}">${render(row, i)}
        ${this.model[list].length > 1 ? html`<button type="button" @click=${() => this.set(list, this.model[list].filter((_, j) => j !== i))}>${t('org.remove')} ${i + 1}</button>` : nothing}</div>`)}
      <button type="button" @click=${() => this.set(list, [...this.model[list], add()])}>${t('org.add')}</button>
    </fieldset>`;
  }

  render() {
    const m = this.model;
    if (!m) return html`<h1>${t('org.eventTitle')}</h1>${this.problemSummary()}`;
    const s = this.settings;
    return html`${this.event ? nothing : html`<h1>${t('org.newEvent')}</h1>`}
      ${this.problemSummary(['slug', 'name.en', 'name.zh', 'timeZone', 'cfpOpensAt', 'cfpClosesAt', 'respondBy', 'languages'])}
      <form @submit=${(e) => { e.preventDefault(); this.save(); }} novalidate>
        ${field(this, { name: 'slug', label: t('org.slug'), value: m.slug, required: true, hint: t('org.slugHint'), onInput: (v) => this.set('slug', v) })}
        ${field(this, { name: 'name.en', label: t('org.nameEn'), value: m.nameEn, required: true, onInput: (v) => this.set('nameEn', v) })}
        ${field(this, { name: 'name.zh', label: t('org.nameZh'), value: m.nameZh, onInput: (v) => this.set('nameZh', v) })}
        ${field(this, { name: 'timeZone', label: t('org.timeZone'), value: m.timeZone, required: true, hint: t('org.timeZoneHint', { zone: viewerZone() }), onInput: (v) => this.set('timeZone', v) })}
        ${field(this, { name: 'cfpOpensAt', label: t('org.opens', { zone: m.timeZone }), kind: 'datetime-local', value: m.opens, required: true, onInput: (v) => this.set('opens', v) })}
        ${field(this, { name: 'cfpClosesAt', label: t('org.closes', { zone: m.timeZone }), kind: 'datetime-local', value: m.closes, required: true, onInput: (v) => this.set('closes', v) })}
        ${field(this, { name: 'respondBy', label: t('org.respondBy', { zone: m.timeZone }), kind: 'datetime-local', value: m.respondBy || '', hint: t('org.respondByHint'), onInput: (v) => this.set('respondBy', v) })}
        ${field(this, { name: 'languages', label: t('org.languages'), value: m.languages, required: true, hint: t('org.languagesHint'), onInput: (v) => this.set('languages', v) })}
        ${this.rows('tracks', (tr, i) => html`
          ${field(this, { name: `tracks[${i}].slug`, label: t('org.slug'), value: tr.slug, required: true, onInput: (v) => this.setRow('tracks', i, 'slug', v) })}
          ${field(this, { name: `tracks[${i}].name.en`, label: t('org.nameEn'), value: tr.name.en, required: true, onInput: (v) => this.setRow('tracks', i, 'name.en', v) })}
          ${field(this, { name: `tracks[${i}].name.zh`, label: t('org.nameZh'), value: tr.name.zh, onInput: (v) => this.setRow('tracks', i, 'name.zh', v) })}`,
          () => ({ slug: '', name: { en: '', zh: '' } }), 'org.tracks')}
        ${this.rows('formats', (f, i) => html`
          ${field(this, { name: `formats[${i}].slug`, label: t('org.slug'), value: f.slug, required: true, onInput: (v) => this.setRow('formats', i, 'slug', v) })}
          ${field(this, { name: `formats[${i}].name.en`, label: t('org.nameEn'), value: f.name.en, required: true, onInput: (v) => this.setRow('formats', i, 'name.en', v) })}
          ${field(this, { name: `formats[${i}].name.zh`, label: t('org.nameZh'), value: f.name.zh, onInput: (v) => this.setRow('formats', i, 'name.zh', v) })}
          ${field(this, { name: `formats[${i}].durationMinutes`, label: t('org.minutes'), kind: 'number', value: f.durationMinutes, required: true, attrs: { min: 1 }, onInput: (v) => this.setRow('formats', i, 'durationMinutes', v) })}
          ${field(this, { name: `formats[${i}].minSpeakers`, label: t('org.minSpeakers'), kind: 'number', value: f.minSpeakers, required: true, attrs: { min: 1 }, onInput: (v) => this.setRow('formats', i, 'minSpeakers', v) })}
          ${field(this, { name: `formats[${i}].maxSpeakers`, label: t('org.maxSpeakers'), kind: 'number', value: f.maxSpeakers, required: true, attrs: { min: 1 }, onInput: (v) => this.setRow('formats', i, 'maxSpeakers', v) })}
          ${field(this, { name: `formats[${i}].slides`, label: t('org.slides'), kind: 'checkbox', value: f.slides !== false, onInput: (v) => this.setRow('formats', i, 'slides', v) })}`,
          () => ({ slug: '', name: { en: '', zh: '' }, durationMinutes: 30, minSpeakers: 1, maxSpeakers: 1, slides: true }), 'org.formats')}
        <fieldset><legend>${t('org.review')}</legend>
          ${field(this, { name: 'reviewsPerProposal', label: t('org.reviewsPerProposal'), kind: 'number', value: s.reviewsPerProposal, required: true, attrs: { min: 1, max: 20 }, onInput: (v) => { this.settings = { ...s, reviewsPerProposal: v }; } })}
          ${field(this, { name: 'phase', label: t('org.phase'), kind: 'select', value: s.phase, options: ['OPEN', 'CLOSED'].map((p) => ({ value: p, label: t(`phase.${p}`) })), onInput: (v) => { this.settings = { ...s, phase: v }; } })}
          ${field(this, { name: 'dueAt', label: t('org.dueAt', { zone: m.timeZone }), kind: 'datetime-local', value: s.dueAt, onInput: (v) => { this.settings = { ...s, dueAt: v }; } })}
          ${s.criteria.map((c, i) => html`<div class="row" role="group" aria-label="${t('org.criterion')} ${i + 1}">
            ${field(this, { name: `criteria[${i}].key`, label: t('org.key'), value: c.key, required: true, onInput: (v) => this.setCriterion(i, 'key', v) })}
            ${field(this, { name: `criteria[${i}].name.en`, label: t('org.nameEn'), value: c.name.en, required: true, onInput: (v) => this.setCriterion(i, 'name.en', v) })}
            ${field(this, { name: `criteria[${i}].name.zh`, label: t('org.nameZh'), value: c.name.zh, onInput: (v) => this.setCriterion(i, 'name.zh', v) })}
            ${field(this, { name: `criteria[${i}].weight`, label: t('org.weight'), kind: 'number', value: c.weight, required: true, attrs: { step: 'any', min: 0 }, onInput: (v) => this.setCriterion(i, 'weight', v) })}
            ${field(this, { name: `criteria[${i}].min`, label: t('org.min'), kind: 'number', value: c.min, required: true, onInput: (v) => this.setCriterion(i, 'min', v) })}
            ${field(this, { name: `criteria[${i}].max`, label: t('org.max'), kind: 'number', value: c.max, required: true, onInput: (v) => this.setCriterion(i, 'max', v) })}
            ${s.criteria.length > 1 ? html`<button type="button" @click=${() => { this.settings = { ...s, criteria: s.criteria.filter((_, j) => j !== i) }; }}>${t('org.remove')} ${i + 1}</button>` : nothing}
          </div>`)}
          <button type="button" @click=${() => { this.settings = { ...s, criteria: [...s.criteria, { key: '', name: { en: '', zh: '' }, weight: 1, min: 1, max: 5 }] }; }}>${t('org.addCriterion')}</button>
        </fieldset>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${this.event ? t('org.saveEvent') : t('org.createEvent')}</button></div>
      </form>`;
  }
}
customElements.define('lectern-event-form', EventForm);

const TABS = ['event', 'import', 'reviewers', 'assignment', 'identity', 'ranking', 'selection', 'decisions'];

class OrganizerEvent extends Page {
  static properties = { event: {}, tab: {}, view: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    this.view = await this.run(async () => (await getEvent({ event: this.event })).data);
  }

  render() {
    const e = this.view;
    return html`<h1>${e ? localized(e.name) : this.event}</h1>
      ${this.problemSummary()}
      <nav class="tabs" aria-label=${t('org.sections')}>
        ${TABS.map((tab) => html`<a href="#/organize/${this.event}/${tab}" aria-current=${tab === this.tab ? 'page' : nothing}>${t(`tab.${tab}`)}</a>`)}
      </nav>
      ${keyed(this.tab, html`<section class="tab-panel" aria-label=${t(`tab.${this.tab}`)}>${this.panel(e)}</section>`)}`;
  }

  panel(e) {
    if (!e) return nothing;
    switch (this.tab) {
      case 'event': return html`<lectern-event-form event=${this.event}></lectern-event-form>`;
      case 'import': return html`<lectern-import event=${this.event}></lectern-import>`;
      case 'reviewers': return html`<lectern-reviewers event=${this.event}></lectern-reviewers>`;
      case 'assignment': return html`<lectern-assignment event=${this.event}></lectern-assignment>`;
      case 'identity': return html`<lectern-identity event=${this.event}></lectern-identity>`;
      case 'ranking': return html`<lectern-ranking event=${this.event}></lectern-ranking>`;
      case 'selection': return html`<lectern-selection event=${this.event}></lectern-selection>`;
      case 'decisions': return html`<lectern-decisions event=${this.event}></lectern-decisions>`;
      default: return html`<p>${t('app.notFound')}</p>`;
    }
  }
}
customElements.define('lectern-organizer-event', OrganizerEvent);

class ImportPanel extends Page {
  static properties = { event: {}, text: { state: true }, kind: { state: true }, report: { state: true } };

  constructor() {
    super();
    this.kind = 'text/csv';
    this.text = '';
  }

  async readFile(file) {
    this.text = await file.text();
    if (file.name.endsWith('.json')) this.kind = 'application/json';
    else if (file.name.endsWith('.ndjson')) this.kind = 'application/x-ndjson';
    else this.kind = 'text/csv';
  }

  async send(dryRun) {
    const report = await this.run(() => importProposals({ event: this.event, dryRun }, this.text, { bodyType: this.kind }));
    if (report) this.report = report.data;
  }

  render() {
    const r = this.report;
    return html`<h2>${t('tab.import')}</h2>
      <p>${t('import.hint')}</p>
      ${this.problemSummary()}
      <div class="field"><label for="import-file">${t('import.file')}</label>
        <input type="file" id="import-file" accept=".csv,.json,.ndjson,text/csv,application/json" @change=${(ev) => ev.target.files[0] && this.readFile(ev.target.files[0])}></div>
      ${field(this, { name: 'import-kind', label: t('import.kind'), kind: 'select', value: this.kind,
        options: [['text/csv', 'CSV'], ['application/json', 'JSON'], ['application/x-ndjson', 'NDJSON']].map(([value, label]) => ({ value, label })),
        onInput: (v) => { this.kind = v; } })}
      ${field(this, { name: 'import-text', label: t('import.content'), kind: 'textarea', value: this.text, onInput: (v) => { this.text = v; }, attrs: { rows: 8 } })}
      <div class="actions">
        <button type="button" ?disabled=${this.busy || !this.text} @click=${() => this.send(true)}>${t('import.dryRun')}</button>
        <button type="button" class="primary" ?disabled=${this.busy || !this.text} @click=${() => this.send(false)}>${t('import.run')}</button>
      </div>
      ${r ? html`<section aria-labelledby="import-report-h" class="report">
        <h3 id="import-report-h" tabindex="-1">${r.dryRun ? t('import.dryReport') : t('import.report')} · ${r.status}</h3>
        <p>${Object.entries(r.counts || {}).map(([k, v]) => `${t(`import.count.${k}`)} ${v}`).join(' · ')}</p>
        ${r.error ? html`<p class="field-error">${r.error.detail}</p>` : nothing}
        <div class="table-wrap"><table><caption class="visually-hidden">${t('import.rows')}</caption>
          <thead><tr><th scope="col">${t('import.line')}</th><th scope="col">${t('import.externalId')}</th><th scope="col">${t('import.outcome')}</th><th scope="col">${t('import.errors')}</th></tr></thead>
          <tbody>${(r.records || []).map((rec) => html`<tr><td>${rec.line}</td><td>${rec.externalId || ''}</td><td>${rec.outcome}</td>
            <td>${(rec.errors || []).map((er) => html`<div><code>${er.field}</code> ${er.message}</div>`)}</td></tr>`)}</tbody></table></div>
      </section>` : nothing}`;
  }
}
customElements.define('lectern-import', ImportPanel);

class Reviewers extends Page {
  static properties = { event: {}, reviewers: { state: true }, model: { state: true }, editing: { state: true } };

  constructor() {
    super();
    this.model = Reviewers.empty();
    this.editing = null;
  }

  static empty() {
    return { subject: '', name: '', email: '', affiliation: '', tracks: '', maxAssignments: 10, conflicts: '' };
  }

  edit(r) {
    this.editing = r;
    this.model = { subject: r.subject, name: r.name, email: r.email || '', affiliation: r.affiliation || '',
      tracks: (r.tracks || []).join(', '), maxAssignments: r.maxAssignments, conflicts: (r.conflicts || []).join(', ') };
    this.updateComplete.then(() => this.querySelector('#reviewer-form-h').focus());
  }

  cancelEdit() {
    this.editing = null;
    this.model = Reviewers.empty();
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    const list = await this.run(() => listReviewers({ event: this.event }));
    if (list) this.reviewers = list.data;
  }

  async add() {
    const m = this.model;
    const body = {
      subject: m.subject, name: m.name, email: m.email || undefined, affiliation: m.affiliation || undefined,
      tracks: csvList(m.tracks), maxAssignments: Number(m.maxAssignments), conflicts: csvList(m.conflicts),
    };
    const editing = this.editing;
    const created = await this.run(() => (editing
      ? updateReviewer({ event: this.event, id: editing.id }, body)
      : createReviewer({ event: this.event }, body)),
    { notice: t(editing ? 'reviewers.saved' : 'reviewers.added', { name: m.name }) });
    if (created) {
      const notice = this.notice;
      this.editing = null;
      this.model = Reviewers.empty();
      await this.load();
      this.notice = notice;
    }
  }

  async remove(r) {
    if (!confirm(t('confirm.removeReviewer', { name: r.name }))) return;
    if (await this.run(() => deleteReviewer({ event: this.event, id: r.id }))) await this.load();
  }

  render() {
    const m = this.model;
    const set = (k) => (v) => { this.model = { ...this.model, [k]: v }; };
    return html`<h2>${t('tab.reviewers')}</h2>
      ${this.problemSummary(['subject', 'name', 'email', 'affiliation', 'tracks', 'maxAssignments', 'conflicts'])}
      <div class="table-wrap"><table><caption class="visually-hidden">${t('tab.reviewers')}</caption>
        <thead><tr><th scope="col">${t('reviewers.name')}</th><th scope="col">${t('reviewers.subject')}</th><th scope="col">${t('reviewers.tracks')}</th>
          <th scope="col">${t('reviewers.load')}</th><th scope="col">${t('reviewers.conflicts')}</th><th scope="col"><span class="visually-hidden">${t('reviewers.actions')}</span></th></tr></thead>
        <tbody>${(this.reviewers || []).map((r) => html`<tr><td>${r.name}${r.affiliation ? html`<br><span class="hint">${r.affiliation}</span>` : nothing}</td>
          <td>${r.subject}</td><td>${(r.tracks || []).join(', ')}</td><td>${r.assignments} / ${r.maxAssignments}</td><td>${(r.conflicts || []).join(', ')}</td>
          <td><button type="button" @click=${() => this.edit(r)}>${t('reviewers.edit')}<span class="visually-hidden">: ${r.name}</span></button>
            <button type="button" @click=${() => this.remove(r)}>${t('reviewers.remove')}<span class="visually-hidden">: ${r.name}</span></button></td></tr>`)}</tbody>
      </table></div>
      <form @submit=${(e) => { e.preventDefault(); this.add(); }} novalidate>
        <h3 id="reviewer-form-h" tabindex="-1">${this.editing ? t('reviewers.editing', { name: this.editing.name }) : t('reviewers.add')}</h3>
        ${field(this, { name: 'subject', label: t('reviewers.subject'), value: m.subject, required: true, hint: t('reviewers.subjectHint'), onInput: set('subject') })}
        ${field(this, { name: 'name', label: t('reviewers.name'), value: m.name, required: true, onInput: set('name') })}
        ${field(this, { name: 'email', label: t('speaker.email'), kind: 'email', value: m.email, onInput: set('email') })}
        ${field(this, { name: 'affiliation', label: t('speaker.affiliation'), value: m.affiliation, hint: t('reviewers.affiliationHint'), onInput: set('affiliation') })}
        ${field(this, { name: 'tracks', label: t('reviewers.tracks'), value: m.tracks, hint: t('reviewers.tracksHint'), onInput: set('tracks') })}
        ${field(this, { name: 'maxAssignments', label: t('reviewers.max'), kind: 'number', value: m.maxAssignments, required: true, attrs: { min: 0 }, onInput: set('maxAssignments') })}
        ${field(this, { name: 'conflicts', label: t('reviewers.conflicts'), value: m.conflicts, hint: t('reviewers.conflictsHint'), onInput: set('conflicts') })}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${this.editing ? t('reviewers.saveButton') : t('reviewers.addButton')}</button>
          ${this.editing ? html`<button type="button" @click=${() => this.cancelEdit()}>${t('reviewers.cancel')}</button>` : nothing}</div>
      </form>`;
  }
}
customElements.define('lectern-reviewers', Reviewers);

class AssignmentPanel extends Page {
  static properties = { event: {}, report: { state: true }, assignments: { state: true }, reviewers: { state: true },
    proposals: { state: true }, manual: { state: true } };

  constructor() {
    super();
    this.manual = { proposalId: '', reviewerId: '' };
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    await this.run(async () => {
      const [assignments, reviewers, proposals] = await Promise.all([listAssignments({ event: this.event }),
        listReviewers({ event: this.event }), listReviewProposals({ event: this.event })]);
      this.assignments = assignments.data;
      this.reviewers = reviewers.data;
      this.proposals = proposals.data;
    });
  }

  async assign() {
    const r = await this.run(() => runAssignment({ event: this.event }));
    if (r) {
      this.report = r.data;
      await this.load();
      await this.updateComplete;
      this.querySelector('#assign-report-h').focus();
    }
  }

  async assignByHand() {
    const done = await this.run(() => assignReviewer({ event: this.event }, this.manual), { notice: t('assign.assigned') });
    if (done) {
      const notice = this.notice;
      this.manual = { proposalId: '', reviewerId: '' };
      await this.load();
      this.notice = notice;
    }
  }

  async unassign(a) {
    if (!confirm(t('confirm.unassign'))) return;
    if (await this.run(() => unassignReviewer({ event: this.event, id: a.id }))) await this.load();
  }

  current() {
    const titles = Object.fromEntries((this.proposals || []).map((p) => [p.id, p.title]));
    const names = Object.fromEntries((this.reviewers || []).map((r) => [r.id, r.name]));
    return html`<h3>${t('assign.current')}</h3>
      <div class="table-wrap"><table><caption class="visually-hidden">${t('assign.current')}</caption>
        <thead><tr><th scope="col">${t('selection.proposal')}</th><th scope="col">${t('reviewers.name')}</th><th scope="col">${t('assign.origin')}</th>
          <th scope="col"><span class="visually-hidden">${t('reviewers.actions')}</span></th></tr></thead>
        <tbody>${(this.assignments || []).map((a) => html`<tr data-assignment=${a.id}><td>${titles[a.proposalId] || a.proposalId}</td>
          <td>${names[a.reviewerId] || a.reviewerId}</td><td>${t(`assign.origin.${a.origin}`)}</td>
          <td><button type="button" @click=${() => this.unassign(a)}>${t('assign.unassign')}<span class="visually-hidden">: ${titles[a.proposalId]} · ${names[a.reviewerId]}</span></button></td></tr>`)}</tbody>
      </table></div>
      <form @submit=${(ev) => { ev.preventDefault(); this.assignByHand(); }} novalidate>
        <h3>${t('assign.byHand')}</h3>
        ${field(this, { name: 'proposalId', label: t('selection.proposal'), kind: 'select', value: this.manual.proposalId, required: true,
          options: [{ value: '', label: '–' }, ...(this.proposals || []).map((p) => ({ value: p.id, label: p.title }))],
          onInput: (v) => { this.manual = { ...this.manual, proposalId: v }; } })}
        ${field(this, { name: 'reviewerId', label: t('reviewers.name'), kind: 'select', value: this.manual.reviewerId, required: true,
          options: [{ value: '', label: '–' }, ...(this.reviewers || []).map((r) => ({ value: r.id, label: r.name }))],
          onInput: (v) => { this.manual = { ...this.manual, reviewerId: v }; } })}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('assign.assign')}</button></div>
      </form>`;
  }

  render() {
    const r = this.report;
    return html`<h2>${t('tab.assignment')}</h2>
      <p>${t('assign.hint')}</p>
      ${this.problemSummary()}
      <div class="actions"><button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.assign()}>${t('assign.run')}</button></div>
      ${r ? html`<section aria-labelledby="assign-report-h" class="report">
        <h3 id="assign-report-h" tabindex="-1">${t('assign.report')}</h3>
        <p>${t('assign.summary', { created: r.created, pool: r.proposalsInPool, per: r.reviewsPerProposal, expertise: r.expertiseMatches })}</p>
        <div class="table-wrap"><table><caption>${t('assign.loads')}</caption>
          <thead><tr><th scope="col">${t('reviewers.name')}</th><th scope="col">${t('reviewers.load')}</th><th scope="col">${t('assign.created')}</th></tr></thead>
          <tbody>${r.loads.map((l) => html`<tr><td>${l.name}</td><td>${l.load} / ${l.maxAssignments}</td><td>${l.created}</td></tr>`)}</tbody></table></div>
        ${r.unsatisfied.length ? html`<h4>${t('assign.unsatisfied')}</h4><ul>${r.unsatisfied.map((u) => html`<li><code>${u.proposalId}</code>: ${t('assign.missing', { n: u.missing })} (${u.reason})</li>`)}</ul>` : nothing}
        ${r.conflictedExisting.length ? html`<h4>${t('assign.conflicted')}</h4><ul>${r.conflictedExisting.map((c) => html`<li><code>${c.proposalId}</code> · ${c.kind}</li>`)}</ul>` : nothing}
      </section>` : nothing}
      ${this.current()}`;
  }
}
customElements.define('lectern-assignment', AssignmentPanel);

// Identity flags: what in a proposal's text may tell reviewers who its speakers are, and the organizer's
// redaction (the text reviewers see instead).
class IdentityPanel extends Page {
  static properties = { event: {}, flags: { state: true }, titles: { state: true }, redacting: { state: true }, model: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    await this.run(async () => {
      const [flags, proposals] = await Promise.all([listIdentityFlags({ event: this.event }), listReviewProposals({ event: this.event })]);
      this.flags = flags.data;
      this.titles = Object.fromEntries(proposals.data.map((p) => [p.id, p.title]));
    });
  }

  async redact(f) {
    const p = await this.run(async () => (await getReviewProposal({ event: this.event, id: f.proposalId })).data);
    if (!p) return;
    this.redacting = f;
    this.model = { title: p.title, abstract: p.abstract, description: p.description || '' };
    await this.updateComplete;
    this.querySelector('#redaction-h').focus();
  }

  async save() {
    const m = this.model;
    const done = await this.run(() => setRedaction({ event: this.event, id: this.redacting.proposalId },
      { title: m.title, abstract: m.abstract, description: m.description || undefined }), { notice: t('identity.saved') });
    if (done) {
      const notice = this.notice;
      this.redacting = null;
      await this.load();
      this.notice = notice;
    }
  }

  async unredact(f) {
    if (await this.run(() => deleteRedaction({ event: this.event, id: f.proposalId }))) await this.load();
  }

  render() {
    const flags = this.flags;
    const set = (k) => (v) => { this.model = { ...this.model, [k]: v }; };
    return html`<h2>${t('tab.identity')}</h2>
      <p>${t('identity.hint')}</p>
      ${this.problemSummary(['title', 'abstract', 'description'])}
      ${flags ? html`${flags.blind ? nothing : html`<p class="hint">${t('identity.notBlind')}</p>`}
        ${flags.flags.length === 0 ? html`<p>${t('identity.none')}</p>` : html`<div class="table-wrap"><table><caption class="visually-hidden">${t('tab.identity')}</caption>
          <thead><tr><th scope="col">${t('selection.proposal')}</th><th scope="col">${t('identity.matches')}</th><th scope="col">${t('identity.redaction')}</th>
            <th scope="col"><span class="visually-hidden">${t('reviewers.actions')}</span></th></tr></thead>
          <tbody>${flags.flags.map((f) => html`<tr data-proposal=${f.proposalId}><td>${this.titles[f.proposalId] || f.proposalId}<br><span class="hint">${f.track}</span></td>
            <td><ul>${f.matches.map((m) => html`<li><code>${m.field}</code>: ${m.term} (${t(`identity.kind.${m.kind}`)}${m.certainty === 'UNCERTAIN' ? `, ${t('identity.uncertain')}` : ''})</li>`)}</ul></td>
            <td>${f.redacted ? (f.redactionStale ? t('identity.stale') : t('identity.redacted')) : t('identity.notRedacted')}</td>
            <td><button type="button" @click=${() => this.redact(f)}>${t('identity.redact')}<span class="visually-hidden">: ${this.titles[f.proposalId]}</span></button>
              ${f.redacted ? html`<button type="button" @click=${() => this.unredact(f)}>${t('identity.unredact')}<span class="visually-hidden">: ${this.titles[f.proposalId]}</span></button>` : nothing}</td></tr>`)}</tbody>
        </table></div>`}` : nothing}
      ${this.redacting ? html`<form @submit=${(ev) => { ev.preventDefault(); this.save(); }} novalidate>
        <h3 id="redaction-h" tabindex="-1">${t('identity.redactionOf', { title: this.titles[this.redacting.proposalId] || '' })}</h3>
        <p class="hint">${t('identity.redactionHint')}</p>
        ${field(this, { name: 'title', label: t('proposal.fieldTitle'), value: this.model.title, required: true, onInput: set('title') })}
        ${field(this, { name: 'abstract', label: t('proposal.abstract'), kind: 'textarea', value: this.model.abstract, required: true, onInput: set('abstract') })}
        ${field(this, { name: 'description', label: t('proposal.description'), kind: 'textarea', value: this.model.description, onInput: set('description') })}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t('identity.save')}</button>
          <button type="button" @click=${() => { this.redacting = null; }}>${t('reviewers.cancel')}</button></div>
      </form>` : nothing}`;
  }
}
customElements.define('lectern-identity', IdentityPanel);

const fmt = (n) => (n === null || n === undefined ? '–' : Number(n).toFixed(2));

class RankingPanel extends Page {
  static properties = { event: {}, ranking: { state: true }, key: { state: true } };

  constructor() {
    super();
    this.key = 'calibrated';
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    const r = await this.run(() => getRanking({ event: this.event, key: this.key }));
    if (r) this.ranking = r.data;
  }

  async exportCsv() {
    const r = await this.run(() => getRanking({ event: this.event, key: this.key, format: 'csv' }, undefined, { accept: 'text/csv' }));
    if (r) download(`${this.event}-ranking.csv`, r.data);
  }

  render() {
    const r = this.ranking;
    return html`<h2>${t('tab.ranking')}</h2>
      ${this.problemSummary()}
      <div class="actions">
        ${field(this, { name: 'ranking-key', label: t('ranking.key'), kind: 'select', value: this.key,
          options: ['calibrated', 'raw'].map((k) => ({ value: k, label: t(`ranking.key.${k}`) })), onInput: (v) => { this.key = v; this.load(); } })}
        <button type="button" @click=${() => this.exportCsv()}>${t('export.ranking')}</button>
      </div>
      ${r ? html`<ol class="ranking">${r.proposals.map((p) => html`<li>
        <details>
          <summary><span class="rank">${p.rank ?? '–'}</span> ${p.title}
            <span class="hint">${p.track} · ${p.format} · ${t('ranking.score')} ${fmt(r.key === 'raw' ? p.weightedMean : p.calibratedScore)} · ${t('ranking.reviews', { n: p.reviewCount })}</span>
            ${p.discuss ? html`<span class="status status-waitlisted">${t('ranking.discuss')}</span>` : nothing}</summary>
          ${p.explanation ? html`<dl class="explanation">
            <dt>${t('ranking.criteria')}</dt><dd>${Object.entries(p.explanation.criterionMeans).map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}</dd>
            <dt>${t('ranking.median')}</dt><dd>${fmt(p.median)} · ${t('ranking.spread')} ${fmt(p.spread)}</dd>
            <dt>${t('ranking.calibration')}</dt><dd><ul>${p.explanation.reviewers.map((c) => html`<li>${t('ranking.contribution', { raw: fmt(c.raw), calibrated: fmt(c.calibrated), shift: fmt(c.calibrated - c.raw) })} (${c.calibration})</li>`)}</ul></dd>
            ${p.explanation.notes.length ? html`<dt>${t('ranking.notes')}</dt><dd>${p.explanation.notes.join('; ')}</dd>` : nothing}
          </dl>` : nothing}
        </details></li>`)}</ol>` : nothing}`;
  }
}
customElements.define('lectern-ranking', RankingPanel);

class SelectionPanel extends Page {
  static properties = { event: {}, view: { state: true }, selection: { state: true }, capacity: { state: true }, pins: { state: true }, waitlist: { state: true }, maxPerSpeaker: { state: true }, respondBy: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    this.pins = {};
    this.capacity = {};
    this.waitlist = '';
    this.maxPerSpeaker = '';
    this.respondBy = '';
    await this.run(async () => {
      this.view = (await getEvent({ event: this.event })).data;
      for (const tr of this.view.tracks) this.capacity[tr.slug] = 1;
      const stored = await listDecisions({ event: this.event }).catch(() => null);
      if (stored) this.stored = stored.data;
    });
  }

  async select() {
    const body = {
      capacity: { tracks: Object.fromEntries(Object.entries(this.capacity).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])) },
      waitlistLength: this.waitlist === '' ? undefined : Number(this.waitlist),
      maxAcceptedPerSpeaker: this.maxPerSpeaker === '' ? undefined : Number(this.maxPerSpeaker),
      pins: Object.entries(this.pins).filter(([, v]) => v).map(([proposalId, decision]) => ({ proposalId, decision })),
      respondBy: this.respondBy ? fromLocalInput(this.respondBy, this.view.timeZone) : undefined,
    };
    const r = await this.run(() => runSelection({ event: this.event }, body));
    if (r) {
      this.selection = r.data;
      await this.updateComplete;
      this.querySelector('#selection-h').focus();
    }
  }

  async publish() {
    const r = await this.run(() => publishDecisions({ event: this.event }));
    if (r) this.notice = t('selection.published', { n: r.data.published, already: r.data.alreadyPublished });
  }

  render() {
    const s = this.selection;
    const e = this.view;
    return html`<h2>${t('tab.selection')}</h2>
      ${this.problemSummary(['waitlistLength', 'maxAcceptedPerSpeaker', 'respondBy'])}
      ${e ? html`<form @submit=${(ev) => { ev.preventDefault(); this.select(); }} novalidate>
        <fieldset><legend>${t('selection.capacities')}</legend>
          ${e.tracks.map((tr) => field(this, { name: `capacity.tracks.${tr.slug}`, label: localized(tr.name), kind: 'number', value: this.capacity[tr.slug], attrs: { min: 0 },
            onInput: (v) => { this.capacity = { ...this.capacity, [tr.slug]: v }; } }))}
        </fieldset>
        ${field(this, { name: 'waitlistLength', label: t('selection.waitlist'), kind: 'number', value: this.waitlist, hint: t('selection.waitlistHint'), attrs: { min: 0 }, onInput: (v) => { this.waitlist = v; } })}
        ${field(this, { name: 'maxAcceptedPerSpeaker', label: t('selection.perSpeaker'), kind: 'number', value: this.maxPerSpeaker, attrs: { min: 1 }, onInput: (v) => { this.maxPerSpeaker = v; } })}
        ${field(this, { name: 'respondBy', label: t('selection.respondBy', { zone: e.timeZone }), kind: 'datetime-local', value: this.respondBy, hint: t('selection.respondByHint'), onInput: (v) => { this.respondBy = v; } })}
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t('selection.run')}</button></div>
      </form>` : nothing}
      ${s ? html`<section aria-labelledby="selection-h" class="report">
        <h3 id="selection-h" tabindex="-1">${t('selection.proposed')}</h3>
        <p>${t('selection.wouldChange', s.stored)}</p>
        ${(s.warnings || []).length ? html`<ul class="warnings">${s.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
        <p>${Object.entries(s.tracks).map(([k, u]) => `${k}: ${u.accepted}/${u.capacity ?? '∞'}`).join(' · ')}</p>
        <div class="table-wrap"><table><caption class="visually-hidden">${t('selection.proposed')}</caption>
          <thead><tr><th scope="col">${t('ranking.rank')}</th><th scope="col">${t('selection.proposal')}</th><th scope="col">${t('selection.outcome')}</th><th scope="col">${t('selection.pin')}</th></tr></thead>
          <tbody>${s.decisions.map((d) => html`<tr data-proposal=${d.proposalId}><td>${d.rank ?? '–'}</td><td>${d.title}<br><span class="hint">${d.track} · ${d.format}</span></td>
            <td>${t(`outcome.${d.outcome}`)}${d.waitlistPosition ? ` #${d.waitlistPosition}` : ''}${d.reason ? html`<br><span class="hint">${d.reason}</span>` : nothing}</td>
            <td><label class="visually-hidden" for="pin-${d.proposalId}">${t('selection.pin')}: ${d.title}</label>
              <select id="pin-${d.proposalId}" @change=${(ev) => { this.pins = { ...this.pins, [d.proposalId]: ev.target.value }; }}>
                ${['', 'ACCEPT', 'WAITLIST', 'REJECT'].map((p) => html`<option value=${p} ?selected=${(this.pins[d.proposalId] || '') === p}>${t(`pin.${p || 'none'}`)}</option>`)}
              </select></td></tr>`)}</tbody></table></div>
        <div class="actions"><button type="button" ?disabled=${this.busy} @click=${() => this.select()}>${t('selection.again')}</button>
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.publish()}>${t('selection.publish')}</button></div>
      </section>` : nothing}`;
  }
}
customElements.define('lectern-selection', SelectionPanel);

class DecisionsPanel extends Page {
  static properties = { event: {}, summary: { state: true }, counts: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    await this.run(async () => {
      this.summary = (await getDecisionSummary({ event: this.event })).data;
      this.counts = (await countEventProposals({ event: this.event })).data;
    });
  }

  async exportCsv(which) {
    const r = await this.run(() => (which === 'selection'
      ? listDecisions({ event: this.event, format: 'csv' }, undefined, { accept: 'text/csv' })
      : getRanking({ event: this.event, format: 'csv' }, undefined, { accept: 'text/csv' })));
    if (r) download(`${this.event}-${which}.csv`, r.data);
  }

  render() {
    const s = this.summary;
    return html`<h2>${t('tab.decisions')}</h2>
      ${this.problemSummary()}
      ${s ? html`<div class="table-wrap"><table><caption>${t('decisions.perTrack')}</caption>
        <thead><tr><th scope="col">${t('decisions.track')}</th>${['capacity', 'accepted', 'confirmed', 'declined', 'waitlisted', 'rejected'].map((k) => html`<th scope="col">${t(`decisions.${k}`)}</th>`)}</tr></thead>
        <tbody>${s.tracks.map((tr) => html`<tr><th scope="row">${tr.track}</th><td>${tr.capacity ?? '–'}</td><td>${tr.accepted}</td><td>${tr.confirmed}</td><td>${tr.declined}</td><td>${tr.waitlisted}</td><td>${tr.rejected}</td></tr>`)}</tbody>
      </table></div>` : nothing}
      ${this.counts ? html`<p>${t('decisions.total', { n: this.counts.total })}: ${Object.entries(this.counts.byStatus).filter(([, n]) => n).map(([k, n]) => `${t(`status.${k}`)} ${n}`).join(' · ')}</p>` : nothing}
      <h3>${t('export.title')}</h3>
      <div class="actions"><button type="button" @click=${() => this.exportCsv('ranking')}>${t('export.ranking')}</button>
        <button type="button" @click=${() => this.exportCsv('selection')}>${t('export.selection')}</button></div>`;
  }
}
customElements.define('lectern-decisions', DecisionsPanel);

