import { describe, expect, it } from "vitest";
import { escapeHtml, renderEmailHtml } from "@/lib/notifications/email-html";

describe("e-mail HTML", () => {
  it("is right-to-left in Arabic and left-to-right in English", () => {
    const ar = renderEmailHtml({ subject: "عنوان", body: "نص", locale: "ar" });
    expect(ar).toContain('<html dir="rtl" lang="ar">');
    expect(ar).toContain("text-align:right");
    expect(ar).toContain("<title>عنوان</title>");
    const en = renderEmailHtml({ subject: "Subject", body: "Text", locale: "en" });
    expect(en).toContain('<html dir="ltr" lang="en">');
    expect(en).not.toContain("text-align:right");
  });

  it("escapes everything from the message, subject included", () => {
    const html = renderEmailHtml({
      subject: `<img src=x onerror="alert(1)">`,
      body: `Dear <script>alert("x")</script> & 'co'`,
      locale: "en",
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });

  it("turns only http(s) URLs into links, shown left-to-right, without trailing punctuation", () => {
    const html = renderEmailHtml({
      subject: "s",
      body: "افتح https://balagh.example.om/ar/x?a=1&b=2. ثم javascript:alert(1)",
      locale: "ar",
    });
    expect(html).toContain('<a href="https://balagh.example.om/ar/x?a=1&amp;b=2" dir="ltr"');
    expect(html).toContain("</a>. ثم javascript:alert(1)");
    expect(html).not.toContain('href="javascript');
  });

  it("keeps paragraphs and line breaks", () => {
    const html = renderEmailHtml({ subject: "s", body: "one\ntwo\n\nthree", locale: "en" });
    expect(html.match(/<p /g)).toHaveLength(2);
    expect(html).toContain("one<br>two");
  });
});
