/** Saves the blob as a file, through a link the browser follows at once. */
export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** `subscribers-2026-11-29.csv`: what an export is named, by the day it was taken. */
export const datedCsvName = (prefix: string) => `${prefix}-${new Date().toISOString().slice(0, 10)}.csv`;
