/** The Solaris `title` of an error code: `model_not_found` → `Model Not Found`. */
export function errorTitle(code: string): string {
  return code
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
