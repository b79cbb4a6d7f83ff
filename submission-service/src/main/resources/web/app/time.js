// Times in the event's time zone, with the viewer's own beside when it differs.
import { html } from 'lit';
import { lang, t } from './i18n.js';

export function viewerZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function inZone(iso, zone) {
  return new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium', timeStyle: 'short', timeZone: zone,
  }).format(new Date(iso));
}

export function when(iso, eventZone) {
  if (!iso) return '';
  const zone = eventZone || viewerZone();
  const own = viewerZone();
  return html`<time datetime=${iso}>${inZone(iso, zone)} <span class="zone">${zone}</span></time>${own === zone ? ''
    : html` <span class="own-time">(${t('time.yours')}: ${inZone(iso, own)} ${own})</span>`}`;
}

/** An ISO instant as the value of a datetime-local input in the given zone. */
export function toLocalInput(iso, zone) {
  if (!iso) return '';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local value meant in the given zone, as ISO-8601 with that zone's offset at that moment. */
export function fromLocalInput(value, zone) {
  if (!value) return null;
  const asUtc = new Date(`${value}:00Z`);
  const shown = new Date(toLocalInput(asUtc.toISOString(), zone) + ':00Z');
  const offsetMinutes = Math.round((shown - asUtc) / 60000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${value}:00${offset}`;
}
