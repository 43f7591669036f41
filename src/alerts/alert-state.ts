/**
 * When an alert is sent: a condition fires once when it starts, is repeated at most every
 * `repeat_after_hours` while it holds, and sends "resolved" once when an evaluation that judged its
 * kind no longer finds it; a one-off event (a deployment) is sent once. Pure: the state comes in and
 * goes out (records/alert-files.ts stores it).
 */
import type { Alert, AlertState } from '../records/alert-files.ts';
import { ALERT_KINDS, type AlertKind } from './kinds.ts';

/** A condition found, or a one-off event, before it is an alert. */
export interface Finding {
  kind: AlertKind;
  subject: string;
  summary: string;
  numbers: Alert['numbers'];
  links: Alert['links'];
}

/**
 * What one evaluation found: the kinds it judged, the conditions that hold among them, the one-offs,
 * and the links of the evaluation itself (a "resolved" alert carries them).
 */
export interface Evaluation {
  judged: ReadonlySet<AlertKind>;
  holding: readonly Finding[];
  events: readonly Finding[];
  links: Alert['links'];
}

/** The key of a condition in the state. */
export function conditionKey(kind: AlertKind, subject: string): string {
  return `${kind}|${subject}`;
}

/**
 * The alerts `evaluation` makes at `now` from `state`, and the state after them. `newId` names each
 * alert (a random UUID in the service).
 */
export function advance(
  state: AlertState,
  evaluation: Evaluation,
  now: Date,
  repeatAfterMs: number,
  newId: () => string,
): { state: AlertState; alerts: Alert[] } {
  const at = now.toISOString();
  const active = { ...state.active };
  const alerts: Alert[] = [];
  const alert = (finding: Finding, status: Alert['status'], since: string): Alert => ({
    id: newId(),
    kind: finding.kind,
    subject: finding.subject,
    severity: ALERT_KINDS[finding.kind],
    status,
    summary: finding.summary,
    numbers: finding.numbers,
    links: finding.links,
    since,
    at,
  });
  const holding = new Set<string>();
  for (const finding of evaluation.holding) {
    const key = conditionKey(finding.kind, finding.subject);
    holding.add(key);
    const known = active[key];
    if (!known) {
      alerts.push(alert(finding, 'firing', at));
      active[key] = {
        kind: finding.kind,
        subject: finding.subject,
        severity: ALERT_KINDS[finding.kind],
        summary: finding.summary,
        since: at,
        last_sent_at: at,
      };
    } else if (now.getTime() - Date.parse(known.last_sent_at) >= repeatAfterMs) {
      alerts.push(alert(finding, 'repeat', known.since));
      active[key] = { ...known, summary: finding.summary, last_sent_at: at };
    } else active[key] = { ...known, summary: finding.summary };
  }
  for (const [key, known] of Object.entries(active)) {
    if (holding.has(key) || !evaluation.judged.has(known.kind)) continue;
    alerts.push(
      alert(
        {
          kind: known.kind,
          subject: known.subject,
          summary: `resolved: ${known.summary}`,
          numbers: {},
          links: evaluation.links,
        },
        'resolved',
        known.since,
      ),
    );
    delete active[key];
  }
  for (const event of evaluation.events) alerts.push(alert(event, 'event', at));
  return { state: { active }, alerts };
}
