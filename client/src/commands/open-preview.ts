import type { PreviewManager } from '../preview/preview-manager';
import { COMMANDS } from './manifest';
import type { Command } from './command-manager';

/** `Partition Layout: Open Allocation Preview`: the allocation of the active layout, beside the editor. */
export class OpenPreviewCommand implements Command {
  readonly id = COMMANDS.openPreview.id;
  readonly title = COMMANDS.openPreview.title;

  constructor(private readonly previews: PreviewManager) {}

  async execute(): Promise<void> {
    await this.previews.open();
  }
}
