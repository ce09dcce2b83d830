import * as vscode from 'vscode';
import { COMMAND_CATEGORY } from './manifest';

/** One command of the extension: its id (contributed in package.json), its title and what it does. */
export interface Command {
  readonly id: string;
  /** the title without the category, as the Command Palette shows it (for error messages) */
  readonly title: string;
  execute(...args: unknown[]): unknown;
}

/** Where the manager writes the details of a failed command (the language client's output channel). */
export type CommandErrorLog = (message: string, error: unknown) => void;

/**
 * Registers every command of the extension in one place, behind one error boundary: a command that
 * throws or rejects shows the user an error message that names the command and the cause, and the
 * details go to the log, instead of an unhandled rejection that VS Code reports without context.
 * (After Azure/bicep `src/vscode-bicep/src/infrastructure/commands/command-manager.ts`.)
 */
export class CommandManager implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[] = [];

  constructor(private readonly log?: CommandErrorLog) {}

  register<T extends Command>(command: T): T {
    const registration = vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      try {
        return await command.execute(...args);
      } catch (error) {
        this.report(command, error);
        return undefined;
      }
    });
    this.registrations.push(registration);
    return command;
  }

  dispose(): void {
    for (const registration of this.registrations.splice(0)) registration.dispose();
  }

  private report(command: Command, error: unknown): void {
    const cause = error instanceof Error ? error.message : String(error);
    const message = `${COMMAND_CATEGORY}: ${command.title} failed: ${cause}`;
    this.log?.(message, error);
    void vscode.window.showErrorMessage(message);
  }
}
