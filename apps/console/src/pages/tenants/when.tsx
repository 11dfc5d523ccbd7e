/** A moment as the reader's locale writes it, machine-readable underneath. */
export function When({ iso }: { readonly iso: string }) {
  return <time dateTime={iso}>{new Date(iso).toLocaleString()}</time>;
}
