import { describe, expect, it } from "vitest";
import { isNoFileChosen } from "@/lib/forms";

describe("isNoFileChosen", () => {
  it("an empty file input's part is not an attachment, however the browser or React names it", () => {
    for (const name of ["", "undefined", "blob"]) expect(isNoFileChosen(new File([], name))).toBe(true);
  });

  it("a chosen file is one — an empty chosen file too (the upload check refuses it as empty)", () => {
    expect(isNoFileChosen(new File(["%PDF"], "payslip.pdf"))).toBe(false);
    expect(isNoFileChosen(new File([], "payslip.pdf"))).toBe(false);
  });
});
