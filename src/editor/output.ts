/** The "Fabric" output channel: progress lines, evidence checks, push results, problems. */
import * as vscode from 'vscode';
import type { Logger } from '../runtime/context';
import { OUTPUT_CHANNEL_NAME } from './commandIds';

export class FabricOutput implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);

  line(text: string): void {
    this.channel.appendLine(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
  }

  lines(texts: readonly string[]): void {
    for (const t of texts) this.channel.appendLine(t);
  }

  show(): void {
    this.channel.show(true);
  }

  /** The runtime's logger, writing warnings and errors here (debug and info stay quiet). */
  logger(): Logger {
    return {
      log: (level, message) => {
        if (level === 'warn' || level === 'error') this.line(`${level}: ${message}`);
      },
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}
