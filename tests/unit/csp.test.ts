import { describe, expect, it } from "vitest";
import { API_CSP, checkoutOrigins, newNonce, pageCsp } from "@/lib/security/csp";

const directives = (csp: string) =>
  new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("the pages' Content-Security-Policy", () => {
  it("in production: scripts only with the nonce, no unsafe-inline or unsafe-eval anywhere", () => {
    const csp = pageCsp({ nonce: "abc123==", development: false });
    const d = directives(csp);
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
  });

  it("in development: eval for React's dev tools, inline styles for the dev server, websocket for reloads", () => {
    const d = directives(pageCsp({ nonce: "n", development: true }));
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("connect-src")).toEqual(["'self'", "ws:"]);
  });

  it("lets a payment form be redirected to Stripe Checkout only when Stripe is configured", () => {
    expect(checkoutOrigins({})).toEqual([]);
    expect(checkoutOrigins({ STRIPE_SECRET_KEY: "sk_test_x" })).toEqual(["https://checkout.stripe.com"]);
    const d = directives(
      pageCsp({
        nonce: "n",
        development: false,
        formActionOrigins: checkoutOrigins({ STRIPE_SECRET_KEY: "sk_test_x" }),
      }),
    );
    expect(d.get("form-action")).toEqual(["'self'", "https://checkout.stripe.com"]);
  });

  it("makes a fresh, well-formed nonce each time", () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("API routes load and run nothing", () => {
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  });
});
