import { barPercent } from "@/lib/admin/statistics";

export type BarDatum = { key: string; label: string; value: number; display: string };

type Props = {
  id: string;
  title: string;
  note: string;
  caption: string;
  labelHeader: string;
  valueHeader: string;
  data: BarDatum[];
};

/**
 * A horizontal bar chart drawn with CSS on the server (no chart library, no script), and beside it the same
 * figures as a table. The bars are decoration for sighted readers (aria-hidden); the table is what assistive
 * technology reads. Each bar is a block at the inline start of its track: in Arabic the bars grow from the
 * right, in English from the left.
 */
/**
 * The bar's length as a class (`w-37/100`, generated for 1..100 in app/globals.css): the page's
 * Content-Security-Policy refuses style attributes. Whole percent; anything above 0 shows at least 1 %.
 */
function barWidthClass(percent: number): string {
  if (percent <= 0) return "w-0";
  return `w-${Math.min(100, Math.max(1, Math.round(percent)))}/100`;
}

export function BarChart({ id, title, note, caption, labelHeader, valueHeader, data }: Props) {
  const max = Math.max(0, ...data.map((d) => d.value));
  return (
    <section aria-labelledby={id} className="mb-10" data-testid={`chart-${id}`}>
      <h2 id={id} className="mb-3 text-xl font-bold">
        {title}
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <figure aria-hidden="true" className="m-0">
          <ul className="list-none space-y-2 p-0">
            {data.map((d) => (
              <li key={d.key} className="grid grid-cols-[minmax(6rem,9rem)_1fr] items-center gap-3">
                <span className="truncate text-sm">{d.label}</span>
                <span className="flex items-center gap-2">
                  <span className="block h-5 min-w-0 flex-1 bg-gray-100">
                    <span
                      className={`block h-full bg-brand-600 ${barWidthClass(barPercent(d.value, max))}`}
                    />
                  </span>
                  <span className="w-10 shrink-0 text-end text-sm tabular-nums">{d.display}</span>
                </span>
              </li>
            ))}
          </ul>
          <figcaption className="mt-2 text-sm text-muted">{note}</figcaption>
        </figure>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm sm:text-base" data-testid={`table-${id}`}>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-1 pe-4 text-start">
                  {labelHeader}
                </th>
                <th scope="col" className="py-1 text-end">
                  {valueHeader}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.key} className="border-b border-gray-300">
                  <th scope="row" className="py-1 pe-4 text-start font-normal">
                    {d.label}
                  </th>
                  <td className="py-1 text-end tabular-nums" data-value={d.value}>
                    {d.display}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
