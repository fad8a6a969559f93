/** Why a team change was refused; `code` is a translation key under `teamErrors`. */
export type TeamRefusalCode = "email_taken" | "already_member" | "not_found" | "cannot_remove_owner";

export class TeamRefusedError extends Error {
  constructor(public readonly code: TeamRefusalCode) {
    super(code);
    this.name = "TeamRefusedError";
  }
}
