/**
 * The few web-standard globals the core uses, available in every JavaScript runtime (Node.js,
 * browsers, workers). Declared here because the core's tsconfig has no Node.js or DOM types.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
