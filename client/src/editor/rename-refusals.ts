import type * as vscode from 'vscode';
import { LSPErrorCodes, RenameRequest, ResponseError, type BaseLanguageClient, type Middleware, type RenameParams } from 'vscode-languageclient/node';

/**
 * Rename through the server, with the server's refusals (`RequestFailed`: a new name the format does
 * not accept, a name already in use, no name under the cursor) shown to the user and kept out of
 * the log. VS Code shows an `Error` thrown by a rename provider as a message at the rename box;
 * vscode-languageclient's own rename would first log the refusal as an error in the Output channel,
 * as if the server had failed. Other errors keep the client's handling.
 */
export function renameMiddleware(client: () => BaseLanguageClient | undefined): Pick<Middleware, 'provideRenameEdits'> {
  return {
    async provideRenameEdits(document, position, newName, token, next): Promise<vscode.WorkspaceEdit | null | undefined> {
      const c = client();
      if (!c) return next(document, position, newName, token);
      const params: RenameParams = {
        textDocument: c.code2ProtocolConverter.asTextDocumentIdentifier(document),
        position: c.code2ProtocolConverter.asPosition(position),
        newName,
      };
      let result;
      try {
        result = await c.sendRequest(RenameRequest.type, params, token);
      } catch (error) {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed) throw new Error(error.message);
        return c.handleFailedRequest(RenameRequest.type, token, error, null, false);
      }
      if (token.isCancellationRequested || result === null) return null;
      return c.protocol2CodeConverter.asWorkspaceEdit(result, token);
    },
  };
}
