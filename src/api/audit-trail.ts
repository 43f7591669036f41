/**
 * Recording admin actions and label uploads in the audit log (records/audit-log.ts): `around` runs an
 * action and records how it ended, also when it throws (the status of the error's answer); a request
 * the access check refused is recorded by `refused`. Which requests are audited is decided by
 * method and path (`auditedAction`). Details name files as answers do (project-paths.ts). A failure to
 * write the log is logged and never changes the answer.
 */
import type { IncomingMessage } from 'node:http';
import type { TokenHolder } from '../auth/token-registry.ts';
import { AppError, describeError } from '../errors.ts';
import { log } from '../log.ts';
import { type AuditAction, type AuditEntry, appendAudit } from '../records/audit-log.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { holderOf } from './request-holder.ts';

/** What an audited action tells about how it went. */
export interface AuditedOutcome {
  target?: string | null;
  outcome?: 'ok' | 'accepted';
  status?: number;
  detail?: string;
}

/** The audited action a request asks for, by method and path (no query); null: not audited. */
export function auditedAction(method: string, path: string): AuditAction | null {
  if (method !== 'POST') return null;
  if (path === '/labels') return 'labels';
  if (path === '/runs') return 'run';
  if (path === '/deployments/rollback') return 'rollback';
  if (path.startsWith('/deployments/')) return 'deploy';
  return null;
}

/** Appends audit entries to one file. */
export class AuditTrail {
  constructor(
    private readonly path: string,
    private readonly paths: ProjectPaths,
  ) {}

  /** Runs `work`, the action `action` that `req` asks for, and records how it ended. */
  async around<T>(
    req: IncomingMessage,
    action: AuditAction,
    target: string | null,
    work: () => Promise<T>,
    describe: (result: T) => AuditedOutcome,
  ): Promise<T> {
    const holder = holderOf(req);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const status = error instanceof AppError ? error.status : 500;
      await this.write(holder, {
        action,
        target,
        outcome: status < 500 ? 'refused' : 'failed',
        status,
        detail: this.paths.inText(describeError(error)).slice(0, 300),
      });
      throw error;
    }
    const outcome = describe(result);
    await this.write(holder, {
      action,
      target: outcome.target === undefined ? target : outcome.target,
      outcome: outcome.outcome ?? 'ok',
      status: outcome.status ?? 200,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
    });
    return result;
  }

  /** Records a request of `action` that the access check refused with `status`. */
  async refused(action: AuditAction, holder: TokenHolder | null, status: number, detail: string): Promise<void> {
    await this.write(holder, { action, target: null, outcome: 'refused', status, detail });
  }

  private async write(holder: TokenHolder | null, fields: Omit<AuditEntry, 'at' | 'token' | 'role'>): Promise<void> {
    const entry: AuditEntry = {
      at: new Date().toISOString(),
      token: holder?.name ?? null,
      role: holder?.role ?? null,
      ...fields,
    };
    try {
      await appendAudit(this.path, entry);
    } catch (error) {
      log.error({ err: error, audit: entry }, `audit log not written: ${describeError(error)}`);
    }
  }
}
