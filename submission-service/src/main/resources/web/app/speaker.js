// Speaker pages: the open calls for proposals, the proposal form (new or edit), my proposals and their decisions.
import { html, nothing } from 'lit';
import {
  listEvents, getEvent, createProposal, getProposal, updateProposal, submitProposal, withdrawProposal,
  confirmProposal, declineProposal, listMyProposals,
} from './lectern-api.js';
import { Page, field, csvList } from './forms.js';
import { claims } from './auth.js';
import { localized, t } from './i18n.js';
import { when } from './time.js';

/** What a format asks of a proposal, in words: the speaker count and whether it has slides. */
export function formatRules(format) {
  if (!format) return [];
  const rules = [];
  if (format.minSpeakers === format.maxSpeakers) rules.push(t('format.exactly', { n: format.minSpeakers }));
  else rules.push(t('format.between', { min: format.minSpeakers, max: format.maxSpeakers }));
  if (format.slides === false) rules.push(t('format.noSlides'));
  rules.push(t('format.minutes', { n: format.durationMinutes }));
  return rules;
}

class Cfps extends Page {
  static properties = { events: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    this.events = await this.run(async () => (await listEvents()).data);
  }

  render() {
    const open = (this.events || []).filter((e) => e.cfpOpen);
    return html`<h1>${t('cfps.title')}</h1>
      ${this.problemSummary()}
      ${this.events && !open.length ? html`<p>${t('cfps.none')}</p>` : nothing}
      <ul class="cards">${open.map((e) => html`<li class="card">
        <h2>${localized(e.name)}</h2>
        <p>${t('cfps.closes')} ${when(e.cfpClosesAt, e.timeZone)}</p>
        <p>${t('cfps.tracks')}: ${e.tracks.map((tr) => localized(tr.name)).join(' · ')}</p>
        <p>${t('cfps.formats')}: ${e.formats.map((f) => localized(f.name)).join(' · ')}</p>
        ${claims() ? html`<a class="button primary" href="#/events/${e.slug}/submit">${t('cfps.submit')}<span class="visually-hidden">: ${localized(e.name)}</span></a>`
          : html`<p class="hint">${t('cfps.signInToSubmit')}</p>`}
      </li>`)}</ul>`;
  }
}
customElements.define('lectern-cfps', Cfps);

function emptySpeaker() {
  return { name: '', email: '', affiliation: '', bio: '' };
}

class ProposalForm extends Page {
  static properties = { event: {}, proposal: {}, model: { state: true }, eventView: { state: true }, saved: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    this.idempotencyKey = crypto.randomUUID();
    await this.run(async () => {
      if (this.proposal) {
        const read = await getProposal({ id: this.proposal });
        this.etag = read.etag;
        this.saved = read.data;
        const p = read.data;
        this.model = { ...p, tags: (p.tags || []).join(', '), speakers: p.speakers.map((s) => ({ ...emptySpeaker(), ...s })) };
        this.event = p.event;
      }
      this.eventView = (await getEvent({ event: this.event })).data;
      if (!this.model) {
        const me = claims() || {};
        const first = this.eventView.formats[0];
        this.model = {
          title: '', abstract: '', description: '', notes: '', tags: '',
          format: first ? first.slug : '', track: this.eventView.tracks[0] ? this.eventView.tracks[0].slug : '',
          language: this.eventView.languages[0] || 'en',
          speakers: [{ ...emptySpeaker(), name: me.name || '', email: me.email || '' }],
        };
        this.fitSpeakers();
      }
    });
  }

  currentFormat() {
    return this.eventView && this.eventView.formats.find((f) => f.slug === this.model.format);
  }

  /** Adds empty speaker rows up to the format's minimum, so a debate shows its second speaker at once. */
  fitSpeakers() {
    const format = this.currentFormat();
    if (!format) return;
    while (this.model.speakers.length < format.minSpeakers) this.model.speakers.push(emptySpeaker());
  }

  set(name, value) {
    this.model = { ...this.model, [name]: value };
    if (name === 'format') this.fitSpeakers();
  }

  setSpeaker(i, name, value) {
    const speakers = this.model.speakers.map((s, j) => (i === j ? { ...s, [name]: value } : s));
    this.model = { ...this.model, speakers };
  }

  body(draft) {
    const m = this.model;
    const blank = (v) => (v && v.trim() ? v.trim() : undefined);
    return {
      title: m.title, abstract: m.abstract, description: blank(m.description), notes: blank(m.notes),
      format: m.format, track: m.track, language: m.language, tags: csvList(m.tags),
      speakers: m.speakers.map((s) => ({ name: s.name, email: s.email, affiliation: blank(s.affiliation), bio: blank(s.bio) })),
      ...(this.proposal ? {} : { draft }),
    };
  }

  async save(draft) {
    const result = await this.run(async () => {
      if (!this.proposal) {
        return (await createProposal({ event: this.event, idempotencyKey: this.idempotencyKey }, this.body(draft))).data;
      }
      let saved = await updateProposal({ id: this.proposal, ifMatch: this.etag }, this.body(draft));
      this.etag = saved.etag;
      if (!draft && saved.data.status === 'DRAFT') {
        saved = await submitProposal({ id: this.proposal });
        this.etag = saved.etag;
      }
      return saved.data;
    });
    if (result) location.hash = '#/me/proposals';
    // A refused request stored nothing under its key; the corrected one is a new request.
    else if (this.problem && this.problem.status) this.idempotencyKey = crypto.randomUUID();
  }

  speakerRows(format) {
    const max = format ? format.maxSpeakers : 1;
    const min = format ? format.minSpeakers : 1;
    return html`<fieldset class="speakers">
      <legend>${t('proposal.speakers')}</legend>
      ${this.errorsFor('speakers').length ? html`<p class="field-error" id="f-speakers-err">${this.errorsFor('speakers').join('; ')}</p>` : nothing}
      ${this.model.speakers.map((s, i) => html`<div class="speaker" role="group" aria-label=${t('proposal.speakerN', { n: i + 1 })}>
        <p class="speaker-title">${t('proposal.speakerN', { n: i + 1 })}${i === 0 ? html` <span class="hint">${t('proposal.you')}</span>` : nothing}</p>
        ${field(this, { name: `speakers[${i}].name`, label: t('speaker.name'), value: s.name, required: true, onInput: (v) => this.setSpeaker(i, 'name', v), attrs: { autocomplete: i === 0 ? 'name' : 'off' } })}
        ${field(this, { name: `speakers[${i}].email`, label: t('speaker.email'), value: s.email, kind: 'email', required: true, onInput: (v) => this.setSpeaker(i, 'email', v), attrs: { autocomplete: i === 0 ? 'email' : 'off' } })}
        ${field(this, { name: `speakers[${i}].affiliation`, label: t('speaker.affiliation'), value: s.affiliation, onInput: (v) => this.setSpeaker(i, 'affiliation', v) })}
        ${field(this, { name: `speakers[${i}].bio`, label: t('speaker.bio'), value: s.bio, kind: 'textarea', onInput: (v) => this.setSpeaker(i, 'bio', v), attrs: { rows: 2 } })}
        ${i > 0 && this.model.speakers.length > min ? html`<button type="button" @click=${() => this.set('speakers', this.model.speakers.filter((_, j) => j !== i))}>${t('proposal.removeSpeaker', { n: i + 1 })}</button>` : nothing}
      </div>`)}
      ${this.model.speakers.length < max ? html`<button type="button" @click=${() => this.set('speakers', [...this.model.speakers, emptySpeaker()])}>${t('proposal.addSpeaker')}</button>` : nothing}
    </fieldset>`;
  }

  render() {
    if (!this.model || !this.eventView) return html`<h1>${t('proposal.title')}</h1>${this.problemSummary()}`;
    const e = this.eventView;
    const format = this.currentFormat();
    const rules = formatRules(format);
    const placed = ['title', 'abstract', 'description', 'format', 'track', 'language', 'tags', 'notes', 'speakers',
      ...this.model.speakers.flatMap((_, i) => ['name', 'email', 'affiliation', 'bio'].map((k) => `speakers[${i}].${k}`))];
    const editable = !this.saved || ['DRAFT', 'SUBMITTED'].includes(this.saved.status);
    return html`<h1>${this.proposal ? t('proposal.editTitle') : t('proposal.title')}</h1>
      <p class="lead">${localized(e.name)} · ${e.cfpOpen ? html`${t('cfps.closes')} ${when(e.cfpClosesAt, e.timeZone)}` : t('cfps.closed')}</p>
      ${this.problemSummary(placed)}
      ${!editable ? html`<p class="notice">${t('proposal.notEditable')}</p>` : nothing}
      <form @submit=${(ev) => { ev.preventDefault(); this.save(false); }} novalidate>
        ${field(this, { name: 'title', label: t('proposal.fieldTitle'), value: this.model.title, required: true, onInput: (v) => this.set('title', v), attrs: { maxlength: 200 } })}
        ${field(this, { name: 'format', label: t('proposal.format'), value: this.model.format, kind: 'select', required: true,
          options: e.formats.map((f) => ({ value: f.slug, label: `${localized(f.name)} (${t('format.minutes', { n: f.durationMinutes })})` })),
          onInput: (v) => this.set('format', v) })}
        <div class="rules" aria-live="polite"><p>${t('proposal.rules')}</p><ul>${rules.map((r) => html`<li>${r}</li>`)}</ul></div>
        ${field(this, { name: 'track', label: t('proposal.track'), value: this.model.track, kind: 'select', required: true,
          options: e.tracks.map((tr) => ({ value: tr.slug, label: localized(tr.name) })), onInput: (v) => this.set('track', v) })}
        ${field(this, { name: 'language', label: t('proposal.language'), value: this.model.language, kind: 'select', required: true,
          options: e.languages.map((l) => ({ value: l, label: t(`language.${l}`) })), onInput: (v) => this.set('language', v) })}
        ${field(this, { name: 'abstract', label: t('proposal.abstract'), value: this.model.abstract, kind: 'textarea', required: true, onInput: (v) => this.set('abstract', v) })}
        ${field(this, { name: 'description', label: t('proposal.description'), value: this.model.description, kind: 'textarea', onInput: (v) => this.set('description', v), attrs: { rows: 6 } })}
        ${field(this, { name: 'tags', label: t('proposal.tags'), value: this.model.tags, hint: t('proposal.tagsHint'), onInput: (v) => this.set('tags', v) })}
        ${this.speakerRows(format)}
        ${field(this, { name: 'notes', label: t('proposal.notes'), value: this.model.notes, kind: 'textarea', hint: t('proposal.notesHint'), onInput: (v) => this.set('notes', v), attrs: { rows: 2 } })}
        <div class="actions">
          ${!this.saved || this.saved.status === 'DRAFT' ? html`<button type="button" ?disabled=${this.busy || !editable} @click=${() => this.save(true)}>${t('proposal.saveDraft')}</button>` : nothing}
          <button type="submit" class="primary" ?disabled=${this.busy || !editable}>${this.saved && this.saved.status === 'SUBMITTED' ? t('proposal.saveChanges') : t('proposal.submit')}</button>
        </div>
      </form>`;
  }
}
customElements.define('lectern-proposal-form', ProposalForm);

const ACTIONS = {
  DRAFT: ['edit', 'submit', 'withdraw'],
  SUBMITTED: ['edit', 'withdraw'],
  ACCEPTED: ['confirm', 'decline', 'withdraw'],
  CONFIRMED: ['withdraw'],
};

class MyProposals extends Page {
  static properties = { proposals: { state: true }, events: { state: true } };

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    await this.run(async () => {
      const [mine, events] = await Promise.all([listMyProposals(), listEvents()]);
      this.proposals = mine.data;
      this.events = Object.fromEntries(events.data.map((e) => [e.slug, e]));
    });
  }

  async step(p, action) {
    if ((action === 'withdraw' || action === 'decline') && !confirm(t(`confirm.${action}`, { title: p.title }))) return;
    const call = { submit: submitProposal, withdraw: withdrawProposal, confirm: confirmProposal, decline: declineProposal }[action];
    const done = await this.run(() => call({ id: p.id }), { notice: t(`done.${action}`, { title: p.title }) });
    if (done) {
      const notice = this.notice;
      await this.load();
      this.notice = notice;
    }
  }

  render() {
    return html`<h1>${t('mine.title')}</h1>
      ${this.problemSummary()}
      ${this.proposals && !this.proposals.length ? html`<p>${t('mine.none')} <a href="#/">${t('nav.cfps')}</a></p>` : nothing}
      <ul class="cards">${(this.proposals || []).map((p) => {
        const e = (this.events || {})[p.event];
        const format = e && e.formats.find((f) => f.slug === p.format);
        const track = e && e.tracks.find((tr) => tr.slug === p.track);
        const actions = (ACTIONS[p.status] || []).filter((a) => a !== 'edit' || (e && e.cfpOpen));
        return html`<li class="card" data-proposal=${p.id}>
          <h2>${p.title}</h2>
          <p><span class="status status-${p.status.toLowerCase()}">${t(`status.${p.status}`)}</span>
            ${e ? html` · ${localized(e.name)}` : nothing}${track ? html` · ${localized(track.name)}` : nothing}${format ? html` · ${localized(format.name)}` : nothing}</p>
          <p class="decision">${p.statusReason === 'EXPIRED' ? t('decision.EXPIRED') : t(`decision.${p.status}`)}</p>
          ${p.status === 'ACCEPTED' && p.respondBy ? html`<p class="respond-by"><strong>${t('mine.respondBy')}</strong> ${when(p.respondBy, e && e.timeZone)}</p>` : nothing}
          <p class="hint">${t('mine.speakers')}: ${p.speakers.map((s) => s.name).join(', ')}</p>
          ${p.submittedAt ? html`<p class="hint">${t('mine.submitted')} ${when(p.submittedAt, e && e.timeZone)}</p>` : nothing}
          ${e && ['DRAFT', 'SUBMITTED'].includes(p.status) ? html`<p class="hint">${e.cfpOpen ? html`${t('mine.editUntil')} ${when(e.cfpClosesAt, e.timeZone)}` : t('cfps.closed')}</p>` : nothing}
          <div class="actions">${actions.map((a) => (a === 'edit'
            ? html`<a class="button" href="#/proposals/${p.id}/edit">${t('action.edit')}<span class="visually-hidden">: ${p.title}</span></a>`
            : html`<button type="button" class=${a === 'confirm' || a === 'submit' ? 'primary' : ''} ?disabled=${this.busy}
                @click=${() => this.step(p, a)}>${t(`action.${a}`)}<span class="visually-hidden">: ${p.title}</span></button>`))}</div>
        </li>`;
      })}</ul>`;
  }
}
customElements.define('lectern-my-proposals', MyProposals);
