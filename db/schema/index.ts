export * from "./core";
export * from "./notifications";
