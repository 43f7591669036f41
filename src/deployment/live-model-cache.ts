/**
 * Keeps the live deployment loaded for a long-running process (the API). Each `get()` looks at where
 * `current` points (one readlink) and reloads, through the one loader, only when it moved, so a deploy
 * or rollback by any process is picked up by the next request without a restart. Callers keep the
 * object they got for the whole request: a request in flight finishes on the model it started with,
 * and nobody ever sees a half-loaded model (a new one replaces the old only once fully validated).
 * The API has the errors of get() name files as its answers do (`showError`, see project-paths.ts).
 */
import { readlinkSync } from 'node:fs';
import { deploymentLayout } from './layout.ts';
import { loadLiveDeployment, type LiveDeployment } from './live-deployment.ts';

/** Loads and caches the live deployment of one production folder. */
export class LiveModelCache {
  private readonly currentLink: string;
  private loaded: { target: string; deployment: LiveDeployment } | null = null;
  private loading: { target: string; promise: Promise<LiveDeployment> } | null = null;

  /** `showError`: what get() throws for a failure of the loader (default: the loader's error). */
  constructor(
    private readonly prodPath: string,
    private readonly showError: (error: unknown) => unknown = (error) => error,
  ) {
    this.currentLink = deploymentLayout(prodPath).current;
  }

  /** The live deployment; throws what showError makes of the loader's NotFoundError/CorruptFileError. */
  async get(): Promise<LiveDeployment> {
    const target = this.readTarget();
    if (this.loaded && this.loaded.target === target) return this.loaded.deployment;
    if (this.loading && this.loading.target === target) return this.loading.promise;
    const promise = loadLiveDeployment(this.prodPath).then(
      (deployment) => {
        if (this.readTarget() === target) this.loaded = { target, deployment };
        if (this.loading?.promise === promise) this.loading = null;
        return deployment;
      },
      (error: unknown) => {
        if (this.loading?.promise === promise) this.loading = null;
        throw this.showError(error);
      },
    );
    this.loading = { target, promise };
    return promise;
  }

  /** The live model id without loading anything (null when nothing is deployed). */
  currentTarget(): string | null {
    const target = this.readTarget();
    return target === '' ? null : (target.split('/').at(-1) ?? null);
  }

  private readTarget(): string {
    try {
      return readlinkSync(this.currentLink);
    } catch {
      return '';
    }
  }
}
