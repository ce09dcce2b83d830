/**
 * The allocation preview's HTML shell (SPEC §8): a strict Content-Security-Policy, one stylesheet and
 * one script from the extension's media folder, and no data at all. The model arrives later as a
 * JSON message and the script renders it as text (STYLE habit 9).
 *
 * Pure and free of `vscode` so the browser test renders exactly this HTML.
 */
import { randomBytes } from 'node:crypto';

export interface PreviewHtmlParts {
  /** `webview.cspSource`: the origin the webview may load the media files from */
  cspSource: string;
  /** `asWebviewUri` of media/preview.js */
  scriptUri: string;
  /** `asWebviewUri` of media/preview.css */
  styleUri: string;
  /** a fresh nonce per render (see `newNonce`) */
  nonce: string;
}

/** The folder (relative to the extension root) that holds the webview's script and stylesheet. */
export const MEDIA_FOLDER = ['client', 'media'] as const;
export const SCRIPT_FILE = 'preview.js';
export const STYLE_FILE = 'preview.css';

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
