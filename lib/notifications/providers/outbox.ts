import type { Provider } from "./types";

/**
 * The development outbox: the message is already in the notifications table, where /dev/outbox shows it, so
 * "sending" it only marks it delivered. The default for both channels when no real provider is configured.
 */
export const outboxProvider: Provider = {
  name: "outbox",
  async send() {
    return { kind: "delivered", providerId: null };
  },
};
