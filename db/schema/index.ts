export * from "./core";
export * from "./notifications";
export * from "./reports";
export * from "./grievances";
export * from "./workers-auth";
export * from "./statistics";
