export * from "./core";
export * from "./notifications";
export * from "./reports";
