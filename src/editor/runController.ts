/**
 * One Explore → Compile → Release run at a time, with the same runtime as the CLI (`runFix`):
 * a progress notification whose Cancel aborts the run (sandboxes are stopped; the trace ends
 * `aborted`), progress lines in the output channel, live events into the host state (and so the
 * panel and the status bar). The run gets a key store that cannot mint approvals.
 */
import * as vscode from 'vscode';
import { createNodeContext } from '../runtime/context';
import { FabricError } from '../runtime/errors';
import type { KeyRole } from '../runtime/keys';
import type { FixResult } from '../runtime/pipeline/options';
import { runFix } from '../runtime/pipeline/runFix';
import { CONTEXT_KEYS } from './commandIds';
import type { HostState } from './hostState';
import type { FabricOutput } from './output';
import { errorViewOf } from './panelRouting';
import { RunModel } from './runModel';
import type { EditorKeys } from './secretKeyStore';
import { readSettings } from './settings';

export interface RunControllerDeps {
  state: HostState;
  output: FabricOutput;
  keys: EditorKeys;
  fabricHome: string;
  /** Called once keys were created by this run (first use). */
  onKeysCreated(created: KeyRole[]): void;
  /** Called after every run that produced a result (any outcome). */
  onFinished(result: FixResult, repoDir: string): Promise<void>;
}

/** A started run: `started` settles once the trace exists (or the run was refused), `result` at the end. */
export interface RunHandle {
  started: Promise<void>;
  result: Promise<FixResult>;
}

export class RunController implements vscode.Disposable {
  private abort: AbortController | undefined;

  constructor(private readonly deps: RunControllerDeps) {}

  get isRunning(): boolean {
    return this.abort !== undefined;
  }

  /** Stops the current run, if any (as the notification's Cancel does). */
  cancel(): void {
    if (!this.abort || this.abort.signal.aborted) return;
    this.deps.state.run.cancelling();
    this.deps.state.changed();
    this.deps.output.line('cancelling: stopping sandboxes');
    this.abort.abort();
  }

  /** Starts a run; `USAGE_INVALID` when one is already in progress. */
  start(repoDir: string, goal: string, token?: vscode.CancellationToken): RunHandle {
    if (this.abort) throw new FabricError('USAGE_INVALID', 'a Fabric run is already in progress: wait for it or cancel it');
    const abort = new AbortController();
    this.abort = abort;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.running, true);
    let markStarted: () => void = () => undefined;
    let refuse: (e: unknown) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      refuse = reject;
    });
    started.catch(() => undefined);
    const external = token?.onCancellationRequested(() => this.cancel());
    const result = this.run(repoDir, goal, abort, markStarted).then(
      (r) => {
        markStarted();
        return r;
      },
      (e: unknown) => {
        refuse(e);
        throw e;
      },
    );
    const done = () => {
      external?.dispose();
      this.abort = undefined;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.running, false);
    };
    result.then(done, done);
    return { started, result };
  }

  private async run(repoDir: string, goal: string, abort: AbortController, markStarted: () => void): Promise<FixResult> {
    const { state, output } = this.deps;
    const model = RunModel.starting(goal);
    state.setRun(model, repoDir);
    output.line(`Explore fix in ${repoDir}: ${goal}`);
    const settings = readSettings(repoDir);
    for (const issue of settings.ignored) output.line(`warning: setting ${issue.path.slice(1)} ${issue.message}; its default is used`);
    let unsubscribe: (() => void) | undefined;
    try {
      const created = await this.deps.keys.ensure();
      if (created.length > 0) {
        output.line(`created Fabric keys (${created.join(', ')}) in the editor's secret storage`);
        this.deps.onKeysCreated(created);
      }
      const ctx = createNodeContext({ fabricHome: this.deps.fabricHome, keyStore: this.deps.keys.forRuns, logger: output.logger() });
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Fabric: Explore fix', cancellable: true }, (progress, token) => {
        const cancel = token.onCancellationRequested(() => this.cancel());
        return runFix(ctx, { ...settings.options, workspace: repoDir, goal }, {
          signal: abort.signal,
          progress: (message) => {
            output.line(message);
            progress.report({ message });
            model.setProgress(message);
            state.changed();
          },
          onStart: (rc) => {
            model.attach(rc.ids.trace_id);
            unsubscribe = rc.events.onAppend((e) => state.appendEvent(e));
            state.changed();
            markStarted();
          },
        }).finally(() => cancel.dispose());
      });
      model.finish(result);
      state.changed();
      output.line(`run ${result.trace_id} ended: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}${result.branch ? ` → ${result.branch} @ ${result.commit}` : ''}`);
      await this.deps.onFinished(result, repoDir);
      return result;
    } catch (e) {
      model.fail(errorViewOf(e));
      state.changed();
      throw e;
    } finally {
      unsubscribe?.();
    }
  }

  dispose(): void {
    this.abort?.abort();
  }
}
