/**
 * The allocation preview's HTML shell: a strict Content-Security-Policy, one stylesheet and
 * one script from the extension, and no data at all. The view arrives later as a JSON message and
 * the script renders it as text.
 *
 * Pure and free of `vscode` so the browser test renders exactly this HTML.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlParts {
  /** `webview.cspSource`: the origin the webview may load the media files from */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/preview.js */
  scriptUri: string;
  /** `asWebviewUri` of media/preview.css */
  styleUri: string;
  /** a fresh nonce per render (see `newNonce`) */
  nonce: string;
}

/** Where (relative to the extension root) the webview's script (bundled from client/preview-src) and stylesheet are. */
export const SCRIPT_PATH = ['dist', 'webview', 'preview.js'] as const;
export const STYLE_PATH = ['client', 'media', 'preview.css'] as const;
/** The only folders the webview may load from. */
export const WEBVIEW_ROOTS = [SCRIPT_PATH.slice(0, -1), STYLE_PATH.slice(0, -1)] as const;

/** 128 random bits, base64: a new one for every HTML render. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of the panel: nothing but our own media files and nonce'd elements. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ') + ';';
}

export function previewHtml(parts: PreviewHtmlParts): string {
  const { cspSource, scriptUri, styleUri, nonce } = parts;
  const csp = contentSecurityPolicy(cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}" nonce="${attr(nonce)}">
<title>Allocation preview</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="placeholder">Computing the allocation…</p></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
