/**
 * The subset of VS Code's theme variables the preview uses, with the values of the default
 * "Light Modern" and "Dark Modern" themes (and "Dark High Contrast"). VS Code sets these on the
 * webview's <html> element and a `vscode-light` / `vscode-dark` / `vscode-high-contrast` class on
 * <body>; the browser test does the same.
 */
export interface WebviewTheme {
  bodyClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
  variables: Record<string, string>;
}

const common: Record<string, string> = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", "Liberation Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': 'Consolas, "Droid Sans Mono", "DejaVu Sans Mono", monospace',
};

export const LIGHT: WebviewTheme = {
  bodyClass: 'vscode-light',
  variables: {
    ...common,
    '--vscode-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#6b6b6b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-widget-border': '#e5e5e5',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-textLink-foreground': '#005fb8',
    '--vscode-textLink-activeForeground': '#005fb8',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorError-foreground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-textBlockQuote-background': '#f8f8f8',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
    '--vscode-editor-selectionHighlightBackground': 'rgba(173, 214, 255, 0.3)',
    '--vscode-charts-foreground': '#616161',
    '--vscode-charts-lines': 'rgba(97, 97, 97, 0.5)',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-purple': '#652d90',
    '--vscode-terminal-ansiCyan': '#0598bc',
    '--vscode-terminal-ansiMagenta': '#bc05bc',
    '--vscode-terminal-ansiBrightGreen': '#14ce14',
    '--vscode-terminal-ansiBrightYellow': '#b5ba00',
    '--vscode-terminal-ansiBrightBlue': '#0451a5',
  },
};

export const DARK: WebviewTheme = {
  bodyClass: 'vscode-dark',
  variables: {
    ...common,
    '--vscode-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-widget-border': '#313131',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-textLink-foreground': '#4daafc',
    '--vscode-textLink-activeForeground': '#4daafc',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorError-foreground': '#f14c4c',
    '--vscode-editorWarning-foreground': '#cca700',
    '--vscode-editorInfo-foreground': '#3794ff',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-textBlockQuote-background': '#2b2b2b',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-inactiveSelectionBackground': '#37373d',
    '--vscode-editor-selectionHighlightBackground': 'rgba(173, 214, 255, 0.15)',
    '--vscode-charts-foreground': '#cccccc',
    '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-terminal-ansiCyan': '#11a8cd',
    '--vscode-terminal-ansiMagenta': '#bc3fbc',
    '--vscode-terminal-ansiBrightGreen': '#23d18b',
    '--vscode-terminal-ansiBrightYellow': '#f5f543',
    '--vscode-terminal-ansiBrightBlue': '#3b8eea',
  },
};

export const HIGH_CONTRAST: WebviewTheme = {
  bodyClass: 'vscode-high-contrast',
  variables: {
    ...DARK.variables,
    '--vscode-foreground': '#ffffff',
    '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)',
    '--vscode-editor-background': '#000000',
    '--vscode-editor-foreground': '#ffffff',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-widget-border': '#6fc3df',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-focusBorder': '#f38518',
    '--vscode-textLink-foreground': '#21a6ff',
    '--vscode-charts-foreground': '#ffffff',
    '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-yellow': '#ffd370',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-list-hoverBackground': 'rgba(0, 0, 0, 0)',
  },
};
