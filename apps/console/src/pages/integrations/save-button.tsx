/** The card's Save button, and a word once the save went through. */
export function SaveButton({ save }: { readonly save: { readonly isPending: boolean; readonly isSuccess: boolean } }) {
  return (
    <p className="actions">
      <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
        Save
      </button>
      <span role="status">{save.isSuccess && !save.isPending ? 'Saved.' : ''}</span>
    </p>
  );
}
