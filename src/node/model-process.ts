// The model runs in a process of its own, started with the editor's own runtime (the extension
// host's executable as Node: ELECTRON_RUN_AS_NODE), not in a thread of the extension host: a crash
// or an out-of-memory in the native runtime (onnxruntime) then ends that process only, and the
// host, with every other extension in it, goes on. Messages are structured clones, as between
// threads; only ids, text and questions cross.
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The collector works on this thread only: every forward pass hands V8 tens of MB of new
 * key/value tensors, which starts a full collection every few tokens, and its helper threads took
 * the cores onnxruntime's threads were running on (0.5B on two cores: 80-90 ms/token instead of 60).
 */
export const MODEL_PROCESS_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** Below the editor's priority, not so low that any background job starves it. */
const MODEL_NICENESS = 5;

export class ModelProcess {
  private readonly ended: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.ended = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(script: string): ModelProcess {
    const child = fork(script, [], {
      // Plain bundled JavaScript: none of the parent's flags (loaders, inspector).
      execArgv: [...MODEL_PROCESS_FLAGS],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    // The model yields the CPU to the editor: with every core busy (two on a small laptop: the
    // runtime's thread and the process's own), the extension host otherwise waits out the
    // scheduler's time slice, the stalls bench:runtime measured over 20 ms.
    try {
      if (child.pid !== undefined) setPriority(child.pid, MODEL_NICENESS);
    } catch {
      // Not permitted on this system: the model runs at the editor's priority.
    }
    return new ModelProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(m: ToWorker): void {
    if (this.child.connected) this.child.send(m);
  }

  onMessage(f: (m: FromWorker) => void): void {
    this.child.on('message', (m) => f(m as FromWorker));
  }

  onError(f: (e: Error) => void): void {
    this.child.on('error', f);
  }

  /** The process ended, with its exit code or the signal that ended it. */
  onExit(f: (how: string) => void): void {
    this.child.on('exit', (code, signal) => f(signal ? `signal ${signal}` : `code ${code}`));
  }

  /** Ends the process (at once: nothing it runs can take the host down) and waits until it has. */
  async terminate(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.ended;
  }

  /** It no longer keeps this process alive. */
  unref(): void {
    this.child.unref();
    (this.child.channel as { unref?(): void } | undefined)?.unref?.();
  }
}
