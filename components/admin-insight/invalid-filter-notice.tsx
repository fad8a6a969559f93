import { Notice } from "@/components/ui/notice";

/** A GET filter that did not parse: what was wrong, before the (unfiltered) results. */
export function InvalidFilterNotice({
  title,
  messages,
}: {
  title: string;
  messages: { key: string; text: string }[];
}) {
  return (
    <Notice tone="warning">
      <p className="font-semibold">{title}</p>
      <ul className="list-disc ps-5">
        {messages.map((m) => (
          <li key={m.key}>{m.text}</li>
        ))}
      </ul>
    </Notice>
  );
}
