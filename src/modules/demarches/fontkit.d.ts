// fontkit (pdfkit's font engine) ships no types: only what Clocher uses.
declare module 'fontkit' {
  /** A parsed font; pdfkit's `registerFont` accepts it as it is. */
  export interface Font {
    layout(text: string): unknown;
    postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
