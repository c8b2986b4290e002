/** While a chunk loads: no UI kit yet, so a plain centred pulse (styled in index.html). */
export function BootSplash() {
  return (
    <div className="boot-splash" aria-busy="true">
      <span className="boot-seal" />
    </div>
  );
}
