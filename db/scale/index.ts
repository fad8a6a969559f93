/**
 * `npm run seed:scale`: fills a database with ten years of national-scale data (issue 6 §1), streamed in with
 * COPY. The plan (who, what, when) comes from db/scale/plan.ts; this file turns it into rows, block by block
 * (an establishment with its workers, reports and everything hanging on them), and copies each block's rows
 * table by table in foreign-key order, about 50,000 reports at a time.
 */
import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { hashPassword } from "../../lib/auth/password";
import { renderTemplate } from "../../lib/notifications/templates";
import { formatReference } from "../../lib/reports/reference";
import {
  NAME_TRADITIONS,
  NATIONALITY_WEIGHTS,
  OCCUPATIONS,
  type NationalityCode,
  type Sector,
} from "../seed/data";
import { SEED_FEES } from "../seed/fees";
import { createRng, foreignMobile, makeName, omaniMobile, passportNumber, type Rng } from "../seed/generate";
import {
  DAY_MS,
  approvalDates,
  isOpen,
  muscatDateOf,
  muscatMidnight,
  planLayout,
  planReport,
  reportRng,
  drawCreatedAt,
  rngFor,
  scaleUuid,
  type EstablishmentPlan,
  type Forced,
  type Layout,
  type ReportPlan,
  type ScaleOptions,
} from "./plan";

export { DEFAULT_OPTIONS, planLayout, planReport, type ScaleOptions } from "./plan";

/** The bench fixtures' contract (the bench helper depends on it). */
export const BENCH = {
  crNumber: "9000000",
  nameEn: "Bench Establishment",
  nameAr: "منشأة القياس",
  email: "bench@scale.example.om",
  password: "Bench-Demo-2026",
  workerCivilId: "200000001",
} as const;

/** Scale establishments' CR numbers: 8000000 + index (the demo seed's start with 1-7, the bench's with 9). */
const CR_BASE = 8_000_000;
const WORKER_CIVIL_BASE = 300_000_000;

// Tags that keep the generated ids of each table apart (scaleUuid).
const T = {
  est: 1,
  user: 2,
  worker: 3,
  report: 4,
  deposit: 5,
  cancel: 6,
  grievance: 7,
  refund: 8,
  notif: 9,
  staff: 10,
} as const;

const SECTORS: readonly (readonly [Sector, number])[] = [
  ["construction", 34],
  ["cleaning", 12],
  ["restaurant", 12],
  ["hospitality", 6],
  ["trading", 18],
  ["farm", 8],
  ["fishing", 4],
  ["logistics", 6],
];
const SECTOR_WORDS: Record<Sector, readonly [string, string]> = {
  construction: ["Contracting", "للمقاولات"],
  cleaning: ["Cleaning Services", "لخدمات التنظيف"],
  restaurant: ["Restaurants", "للمطاعم"],
  hospitality: ["Hotels", "للفنادق"],
  trading: ["Trading", "للتجارة"],
  farm: ["Farms", "للمزارع"],
  fishing: ["Fisheries", "للأسماك"],
  logistics: ["Transport", "للنقل"],
};
const FAMILIES: readonly (readonly [string, string])[] = [
  ["Al Hinai", "الهنائي"],
  ["Al Balushi", "البلوشي"],
  ["Al Harthy", "الحارثي"],
  ["Al Rawahi", "الرواحي"],
  ["Al Siyabi", "السيابي"],
  ["Al Busaidi", "البوسعيدي"],
  ["Al Kindi", "الكندي"],
  ["Al Maamari", "المعمري"],
  ["Al Shukaili", "الشكيلي"],
  ["Al Amri", "العامري"],
  ["Al Zadjali", "الزدجالي"],
  ["Al Lawati", "اللواتي"],
  ["Al Farsi", "الفارسي"],
  ["Al Mahrouqi", "المحروقي"],
  ["Al Saadi", "السعدي"],
  ["Al Wahaibi", "الوهيبي"],
  ["Al Jabri", "الجابري"],
  ["Al Abri", "العبري"],
  ["Al Hashmi", "الهاشمي"],
  ["Al Riyami", "الريامي"],
];
const PLACES: Record<string, readonly (readonly [string, string])[]> = {
  MA: [
    ["Ruwi", "روي"],
    ["Al Khuwair", "الخوير"],
    ["Al Ghubrah", "الغبرة"],
    ["Seeb", "السيب"],
    ["Al Amerat", "العامرات"],
  ],
  BN: [
    ["Sohar", "صحار"],
    ["Saham", "صحم"],
    ["Shinas", "شناص"],
    ["Al Khaburah", "الخابورة"],
  ],
  SN: [
    ["Ibra", "إبراء"],
    ["Al Mudaybi", "المضيبي"],
    ["Bidiyah", "بدية"],
  ],
  SS: [
    ["Sur", "صور"],
    ["Jaalan Bani Bu Ali", "جعلان بني بو علي"],
    ["Al Kamil", "الكامل والوافي"],
  ],
  DA: [
    ["Nizwa", "نزوى"],
    ["Bahla", "بهلاء"],
    ["Samail", "سمائل"],
  ],
  BS: [
    ["Rustaq", "الرستاق"],
    ["Barka", "بركاء"],
    ["Al Musannah", "المصنعة"],
  ],
  ZU: [
    ["Salalah", "صلالة"],
    ["Taqah", "طاقة"],
    ["Mirbat", "مرباط"],
  ],
  ZA: [
    ["Ibri", "عبري"],
    ["Yanqul", "ينقل"],
  ],
  BU: [
    ["Al Buraimi", "البريمي"],
    ["Mahdah", "محضة"],
  ],
  WU: [
    ["Haima", "هيماء"],
    ["Duqm", "الدقم"],
  ],
  MU: [
    ["Khasab", "خصب"],
    ["Dibba", "دبا"],
  ],
};
const NATIONALITIES: readonly NationalityCode[] = ["IN", "BD", "PK", "EG", "PH", "NP", "LK"];
const FEE: Record<string, number> = Object.fromEntries(SEED_FEES.map((f) => [f.nationality, f.amountBaisa]));
const CONTACT_ATTEMPTS = [
  "اتصلنا بالعامل هاتفياً عدة مرات وأرسلنا رسالة نصية دون رد.",
  "We called the worker's mobile every day for a week and asked colleagues at the site.",
  "زار مشرف الموقع سكن العمال ولم يجد العامل، ولم يرد على الهاتف.",
  "Messages on WhatsApp and calls to the worker's home number went unanswered.",
];
const CANCEL_EXPLANATIONS = [
  "عاد العامل إلى العمل وقدّم عذراً عن فترة غيابه.",
  "The worker came back to work and explained the absence.",
  "We reached a settlement with the worker.",
  "قدّمنا البلاغ بالخطأ؛ كان العامل في إجازة معتمدة.",
];
const GRIEVANCE_STATEMENTS = [
  "I did not leave work. My salary was not paid for three months.",
  "لم أترك العمل، وكنت في إجازة مرضية بموافقة الشركة.",
  "The employer accepted my resignation and promised a release letter.",
  "أعمل في الموقع يومياً ويمكن لزملائي الشهادة بذلك.",
];

// --- COPY text format --------------------------------------------------------------------------------------

type Cell = string | number | boolean | null;

function esc(v: Cell): string {
  if (v === null) return "\\N";
  if (typeof v !== "string") return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : v;
}
const ts = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The tables, in the order their rows are copied (every foreign key points to an earlier one). */
const TABLES = {
  establishments:
    "id, cr_number, name_ar, name_en, governorate_code, address, municipality_licence_number, email, phone, created_at",
  employer_users:
    "id, establishment_id, role, name, email, password_hash, email_verified_at, active, created_at",
  workers:
    "id, civil_id, passport_number, name_ar, name_en, nationality, date_of_birth, mobile, email, establishment_id, occupation, permit_number, permit_status, entered_oman_on, created_at",
  reports:
    "id, reference, establishment_id, worker_id, created_by, status, version, last_day_at_work, work_governorate_code, work_address, contact_attempts, decl_dispute_before_absence, decl_worker_left_country_known, decl_on_legal_leave, decl_resignation_accepted, fee_baisa, submitted_at, decided_at, approved_at, grievance_deadline, legal_period_ends, refund_claim_until, created_at, updated_at, stats_governorate_code, worker_nationality",
  report_events: "report_id, from_status, to_status, actor_kind, actor_id, reason_code, note, at",
  deposits:
    "id, report_id, amount_baisa, status, provider, provider_session_id, provider_payment_id, paid_at, refunded_baisa, refunded_at, utilised_at, ticket_reference, failure_reason, created_at, updated_at",
  cancellation_requests:
    "id, report_id, status, reason, explanation, requested_by, decided_by, decided_at, decision_reason_code, decision_note, version, created_at",
  grievances:
    "id, report_id, worker_id, status, grounds, statement, contact_phone, decided_by, decided_at, decision_reason_code, decision_note, version, created_at, updated_at",
  refund_requests:
    "id, report_id, deposit_id, ground, status, amount_baisa, requested_by, provider_refund_id, failure_reason, decided_by, decided_at, decision_reason_code, decision_note, version, created_at",
  notifications:
    "id, channel, recipient, template, locale, subject, body, status, provider_id, attempts, last_error, entity_type, entity_id, created_at, sent_at, delivered_at, next_attempt_at",
  audit_events: "actor_kind, actor_id, action, entity_type, entity_id, before, after, ip, at",
} as const;
type Table = keyof typeof TABLES;
const TABLE_ORDER = Object.keys(TABLES) as Table[];

class Rows {
  lines = new Map<Table, string[]>(TABLE_ORDER.map((t) => [t, []]));
  counts = new Map<Table, number>(TABLE_ORDER.map((t) => [t, 0]));
  add(table: Table, cells: Cell[]): void {
    this.lines.get(table)!.push(cells.map(esc).join("\t"));
  }
  size(table: Table): number {
    return this.lines.get(table)!.length;
  }
}

/** Tables whose statistics triggers (migration 0009) are off during the load; the totals are rebuilt after. */
const STATS_TRIGGER_TABLES = ["reports", "deposits", "grievances"] as const;

/** Keys and indexes kept during the load: the refund guard triggers (0005) look rows up through them. */
const KEEP = new Set(["deposits_pkey", "refund_one_live_per_deposit"]);

/**
 * Drops the primary keys, unique constraints, foreign keys and indexes of `tables` (and foreign keys of other
 * tables pointing at them), except {@link KEEP}, and returns the statements that create them again, exactly
 * as the catalog defines them: keys first, then indexes, then foreign keys (which need the keys).
 */
async function deferKeysAndIndexes(
  tx: postgres.TransactionSql,
  tables: readonly string[],
): Promise<string[]> {
  const names = tables.map((t) => `public.${t}`);
  const constraints = await tx<{ tbl: string; name: string; type: string; def: string }[]>`
    select conrelid::regclass::text as tbl, conname as name, contype as type, pg_get_constraintdef(oid) as def
    from pg_constraint
    where connamespace = 'public'::regnamespace and contype in ('p', 'u', 'f')
      and (conrelid = any(${names}::regclass[]) or (contype = 'f' and confrelid = any(${names}::regclass[])))
      and (contype = 'f' or conrelid = any(${names}::regclass[]))`;
  const indexes = await tx<{ name: string; def: string }[]>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = any(${names}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.contype in ('p', 'u', 'x'))`;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const fks = constraints.filter((c) => c.type === "f");
  const keys = constraints.filter((c) => c.type !== "f" && !KEEP.has(c.name));
  const idx = indexes.filter((i) => !KEEP.has(i.name));
  for (const c of fks) await tx.unsafe(`alter table ${c.tbl} drop constraint ${q(c.name)}`);
  for (const c of keys) await tx.unsafe(`alter table ${c.tbl} drop constraint ${q(c.name)}`);
  for (const i of idx) await tx.unsafe(`drop index ${q(i.name)}`);
  return [
    ...keys.map((c) => `alter table ${c.tbl} add constraint ${q(c.name)} ${c.def}`),
    ...idx.map((i) => i.def),
    ...fks.map((c) => `alter table ${c.tbl} add constraint ${q(c.name)} ${c.def}`),
  ];
}

async function copyRows(sql: postgres.TransactionSql, table: Table, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const stream = await sql.unsafe(`copy ${table} (${TABLES[table]}) from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
    // A few MB per write keeps memory flat and the socket busy.
    const step = 20_000;
    for (let i = 0; i < lines.length; i += step) stream.write(lines.slice(i, i + step).join("\n") + "\n");
    stream.end();
  });
}

// --- context -----------------------------------------------------------------------------------------------

type Staff = { reviewers: string[]; finance: string[] };

type Ctx = {
  layout: Layout;
  seed: number;
  staff: Staff;
  takenCivilIds: Set<string>;
  civilPrime: number;
  nextWorker: number;
  refBase: number;
  rank: Uint32Array;
  benchHash: string;
  otherHash: string;
  appUrl: string;
  templates: Map<string, { subject: string | null; body: string }>;
};

function isPrime(n: number): boolean {
  if (n < 2 || n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** The bench worker's two reports: closed (2018, legal period over) and approved (this month, open). */
function benchStories(layout: Layout): Map<number, Forced> {
  const until = muscatMidnight(layout.options.until);
  return new Map<number, Forced>([
    [
      0,
      {
        kind: "story",
        status: "closed",
        createdAt: muscatMidnight("2018-03-11") + 9.25 * 3_600_000,
        decisionDays: 4,
      },
    ],
    [
      1,
      { kind: "story", status: "approved", createdAt: until - 20 * DAY_MS + 10 * 3_600_000, decisionDays: 3 },
    ],
  ]);
}

function createdAtOf(layout: Layout, stories: Map<number, Forced>, i: number): number {
  const f = stories.get(i);
  if (f?.kind === "story") return f.createdAt;
  return drawCreatedAt(reportRng(layout.options.seed, i), layout);
}

/** Each report's position in time: references are handed out in the order reports were started, as live. */
export function rankByCreation(layout: Layout, stories: Map<number, Forced>): Uint32Array {
  const n = layout.options.reports;
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) created[i] = createdAtOf(layout, stories, i);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => created[a]! - created[b]! || a - b);
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  return rank;
}

// --- one establishment's block ----------------------------------------------------------------------------

type WorkerSlot = { reports: ReportPlan[]; idle: boolean };

function civilIdOf(ctx: Ctx): { w: number; civilId: string } {
  for (;;) {
    const w = ctx.nextWorker++;
    const civilId = String(WORKER_CIVIL_BASE + ((w * 48_271 + 7_919) % ctx.civilPrime));
    if (!ctx.takenCivilIds.has(civilId)) return { w, civilId };
  }
}

function render(ctx: Ctx, key: string, make: () => { subject?: string | null; body: string }) {
  let t = ctx.templates.get(key);
  if (!t) {
    const r = make();
    t = { subject: r.subject ?? null, body: r.body };
    ctx.templates.set(key, t);
  }
  return t;
}

const PH = { ref: "@@REF@@", ar: "@@EST_AR@@", en: "@@EST_EN@@" };
const fill = (s: string | null, ref: string, ar: string, en: string) =>
  s === null ? null : s.replaceAll(PH.ref, ref).replaceAll(PH.ar, ar).replaceAll(PH.en, en);

function writeBlock(ctx: Ctx, est: EstablishmentPlan, stories: Map<number, Forced>, out: Rows): void {
  const { seed } = ctx;
  const rng = rngFor(seed, 3, est.index);
  const estId = scaleUuid(seed, T.est, est.index);
  const cr = est.bench ? BENCH.crNumber : String(CR_BASE + est.index);
  const sector = est.bench ? "construction" : rng.weighted(SECTORS);
  const family = rng.pick(FAMILIES);
  const place = rng.pick(PLACES[est.governorate]!);
  const [sectorEn, sectorAr] = SECTOR_WORDS[sector];
  const nameEn = est.bench
    ? BENCH.nameEn
    : `${family[0]} ${sectorEn} ${rng.pick(["LLC", "SAOC", "& Partners LLC", "Est."])}`;
  const nameAr = est.bench ? BENCH.nameAr : `${rng.pick(["شركة", "مؤسسة"])} ${family[1]} ${sectorAr}`;
  const estEmail = est.bench ? "office@bench.scale.example.om" : `info@cr${cr}.example.om`;

  // Reports, in time order, grouped by worker: now and then one worker is reported twice (the first report
  // rejected long before the second).
  const all = Array.from({ length: est.reportCount }, (_, k) => est.reportStart + k);
  const created = new Map(all.map((i) => [i, createdAtOf(ctx.layout, stories, i)]));
  const slots: WorkerSlot[] = [];
  // The bench worker's fixed reports (one closed, one open) belong to one worker.
  const fixed = est.bench
    ? all.filter((i) => stories.has(i)).sort((a, b) => created.get(a)! - created.get(b)!)
    : [];
  if (fixed.length > 0)
    slots.push({ reports: fixed.map((i) => planReport(ctx.layout, i, stories.get(i))), idle: false });
  const indices = all
    .filter((i) => !stories.has(i))
    .sort((a, b) => created.get(a)! - created.get(b)! || a - b);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const next = indices[k + 1];
    if (next !== undefined && rng.next() < 0.04 && created.get(next)! - created.get(i)! > 90 * DAY_MS) {
      slots.push({
        reports: [planReport(ctx.layout, i, { kind: "earlier" }), planReport(ctx.layout, next)],
        idle: false,
      });
      k++;
    } else {
      slots.push({ reports: [planReport(ctx.layout, i)], idle: false });
    }
  }
  const idle = Math.max(2, Math.round(est.reportCount * (ctx.layout.options.workersPerReport - 1)));
  for (let k = 0; k < idle; k++) slots.push({ reports: [], idle: true });

  const firstReport = indices.length ? created.get(indices[0]!)! : muscatMidnight("2018-01-01");
  const estCreated = Math.min(
    firstReport - rng.int(30, 2000) * DAY_MS,
    muscatMidnight(ctx.layout.options.until) - 400 * DAY_MS,
  );
  out.add("establishments", [
    estId,
    cr,
    nameAr,
    nameEn,
    est.governorate,
    `${place[1]} — ${place[0]}, ${est.governorate}`,
    `M${est.governorate}/${muscatDateOf(estCreated).slice(0, 4)}/${100000 + (est.index % 900000)}`,
    estEmail,
    `+9682${String(4_000_000 + ((est.index * 7919) % 5_000_000)).padStart(7, "0")}`,
    ts(estCreated),
  ]);

  // The owner, and on one establishment in three an HR officer.
  const ownerId = scaleUuid(seed, T.user, est.index * 2);
  const hrId = est.bench || rng.next() < 0.35 ? scaleUuid(seed, T.user, est.index * 2 + 1) : null;
  out.add("employer_users", [
    ownerId,
    estId,
    "owner",
    est.bench ? "Bench Owner" : `${family[0]} owner`,
    est.bench ? BENCH.email : `owner@cr${cr}.example.om`,
    est.bench ? ctx.benchHash : ctx.otherHash,
    ts(estCreated + DAY_MS),
    true,
    ts(estCreated),
  ]);
  if (hrId) {
    out.add("employer_users", [
      hrId,
      estId,
      "hr_officer",
      "HR officer",
      `hr@cr${cr}.example.om`,
      ctx.otherHash,
      ts(estCreated + 2 * DAY_MS),
      true,
      ts(estCreated + DAY_MS),
    ]);
  }

  const nationalityWeights = NATIONALITIES.flatMap((n) => {
    const w = NATIONALITY_WEIGHTS[sector][n];
    return w ? [[n, w] as const] : [];
  });
  const until = ctx.layout.options.until;
  for (const slot of slots) {
    const wrng = rng;
    const nationality = wrng.weighted(nationalityWeights);
    const isBenchWorker = slot.reports.some((r) => stories.has(r.index));
    const { w, civilId } = isBenchWorker
      ? { w: ctx.nextWorker++, civilId: BENCH.workerCivilId }
      : civilIdOf(ctx);
    const workerId = scaleUuid(seed, T.worker, w);
    const name = makeName(wrng, nationality, sector);
    const occupations = OCCUPATIONS[sector].filter((o) => !name.female || o.women);
    const occupation = wrng.weighted(occupations.map((o) => [o.title, o.weight] as const));
    const first = slot.reports[0];
    const latest = slot.reports[slot.reports.length - 1];
    const firstDay =
      first?.lastDayAtWork ?? muscatDateOf(first?.createdAt ?? muscatMidnight(until) - 30 * DAY_MS);
    const entered = muscatDateOf(muscatMidnight(firstDay) - wrng.int(60, 2500) * DAY_MS);
    const dob = muscatDateOf(muscatMidnight(entered) - wrng.int(21 * 365, 45 * 365) * DAY_MS);
    const mobile = isBenchWorker
      ? "+96890000001"
      : wrng.chance(0.06)
        ? foreignMobile(wrng, nationality)
        : omaniMobile(wrng);
    const email = isBenchWorker
      ? "bench.worker@scale.example.om"
      : wrng.chance(0.3)
        ? `w${w}@example.com`
        : null;
    const permit = latest
      ? latest.permit
      : wrng.weighted([
          ["active", 86],
          ["cancelled", 8],
          ["transferred", 6],
        ] as const);
    out.add("workers", [
      workerId,
      civilId,
      passportNumber(wrng, nationality),
      name.ar,
      name.en,
      nationality,
      dob,
      mobile,
      email,
      estId,
      occupation,
      `WP${1_000_000_000 + w}`,
      permit,
      entered,
      ts(muscatMidnight(entered) + DAY_MS),
    ]);
    for (const plan of slot.reports) {
      writeReport(ctx, out, {
        plan,
        estId,
        estNameAr: nameAr,
        estNameEn: nameEn,
        estEmail,
        governorate: est.governorate,
        address: `${place[0]}, ${est.governorate}`,
        workerId,
        workerNameAr: name.ar,
        workerNameEn: name.en,
        nationality,
        mobile,
        creator: hrId && wrng.next() < 0.5 ? hrId : ownerId,
        rng: wrng,
      });
    }
  }
}

type ReportCtx = {
  plan: ReportPlan;
  estId: string;
  estNameAr: string;
  estNameEn: string;
  estEmail: string;
  governorate: string;
  address: string;
  workerId: string;
  workerNameAr: string;
  workerNameEn: string;
  nationality: NationalityCode;
  mobile: string;
  creator: string;
  rng: Rng;
};

function writeReport(ctx: Ctx, out: Rows, r: ReportCtx): void {
  const { plan, rng } = r;
  const { seed } = ctx;
  const i = plan.index;
  const id = scaleUuid(seed, T.report, i);
  const reference = formatReference(
    Number(muscatDateOf(plan.createdAt).slice(0, 4)),
    ctx.refBase + ctx.rank[i]!,
  );
  const fee = FEE[r.nationality] ?? FEE.ZZ!;
  const filled = plan.status !== "draft" || plan.complete;
  const reviewer = ctx.staff.reviewers[i % ctx.staff.reviewers.length]!;
  const financeOfficer = ctx.staff.finance[i % ctx.staff.finance.length]!;
  const dates = plan.approvedAt === null ? null : approvalDates(plan.approvedAt);
  out.add("reports", [
    id,
    reference,
    r.estId,
    r.workerId,
    r.creator,
    plan.status,
    plan.events.length,
    plan.lastDayAtWork,
    filled ? r.governorate : null,
    filled ? r.address : null,
    filled ? CONTACT_ATTEMPTS[i % CONTACT_ATTEMPTS.length]! : null,
    filled ? false : null,
    filled ? false : null,
    filled ? false : null,
    filled ? false : null,
    plan.status === "draft" ? null : fee,
    ts(plan.submittedAt),
    ts(plan.decidedAt),
    ts(plan.approvedAt),
    dates?.grievanceDeadline ?? null,
    dates?.legalPeriodEnds ?? null,
    dates?.refundClaimUntil ?? null,
    ts(plan.createdAt),
    ts(plan.updatedAt),
    // The statistics copies (migration 0007), given here so its trigger needs no look-up per row: the
    // workplace is the establishment's governorate, the nationality the worker's.
    r.governorate,
    r.nationality,
  ]);
  for (const e of plan.events) {
    const actor =
      e.by === "creator"
        ? ["employer", r.creator]
        : e.by === "staff"
          ? ["staff", reviewer]
          : ["system", null];
    out.add("report_events", [id, e.from, e.to, actor[0]!, actor[1]!, e.reason, null, ts(e.at)]);
    if (e.by === "staff") {
      out.add("audit_events", [
        "staff",
        reviewer,
        `report.${e.to}`,
        "report",
        id,
        JSON.stringify({ status: e.from }),
        JSON.stringify({ status: e.to, reasonCode: e.reason }),
        "10.20.0." + ((i % 250) + 1),
        ts(e.at),
      ]);
    }
  }

  let liveDepositId: string | null = null;
  plan.deposits.forEach((d, k) => {
    const depositId = scaleUuid(seed, T.deposit, i * 4 + k);
    if (d.status !== "failed" && d.status !== "expired") liveDepositId = depositId;
    const stripe = i % 5 !== 0;
    const key = `${i.toString(36)}_${k}`;
    out.add("deposits", [
      depositId,
      id,
      fee,
      d.status,
      stripe ? "stripe" : "local",
      stripe ? `cs_scale_${key}` : `local_scale_${key}`,
      d.paidAt === null ? null : stripe ? `pi_scale_${key}` : `local_pay_${key}`,
      ts(d.paidAt),
      d.status === "refunded" ? fee : 0,
      ts(d.refundedAt),
      ts(d.utilisedAt),
      d.utilisedAt === null
        ? null
        : `WY-MCT-${rng.pick(["COK", "DAC", "KHI", "CAI", "MNL", "KTM", "CMB"])}-${muscatDateOf(d.utilisedAt).slice(2).replaceAll("-", "")}`,
      d.failureReason,
      ts(d.createdAt),
      ts(d.updatedAt),
    ]);
  });

  const c = plan.cancellation;
  if (c) {
    const staffDecided = c.status === "accepted" || c.status === "rejected";
    out.add("cancellation_requests", [
      scaleUuid(seed, T.cancel, i),
      id,
      c.status,
      c.reason,
      CANCEL_EXPLANATIONS[i % CANCEL_EXPLANATIONS.length]!,
      r.creator,
      staffDecided ? reviewer : null,
      ts(c.decidedAt),
      c.reasonCode,
      null,
      c.status === "submitted" ? 1 : 2,
      ts(c.createdAt),
    ]);
    if (staffDecided)
      auditDecision(
        out,
        reviewer,
        `cancellation.${c.status}`,
        "cancellation_request",
        scaleUuid(seed, T.cancel, i),
        c.decidedAt!,
        c.reasonCode,
      );
  }
  const g = plan.grievance;
  if (g) {
    const decided = g.status === "accepted" || g.status === "rejected";
    out.add("grievances", [
      scaleUuid(seed, T.grievance, i),
      id,
      r.workerId,
      g.status,
      g.grounds,
      GRIEVANCE_STATEMENTS[i % GRIEVANCE_STATEMENTS.length]!,
      r.mobile,
      decided ? reviewer : null,
      ts(g.decidedAt),
      g.reasonCode,
      null,
      g.status === "submitted" ? 1 : 2,
      ts(g.createdAt),
      ts(g.decidedAt ?? g.createdAt),
    ]);
    if (decided)
      auditDecision(
        out,
        reviewer,
        `grievance.${g.status}`,
        "grievance",
        scaleUuid(seed, T.grievance, i),
        g.decidedAt!,
        g.reasonCode,
      );
  }
  const f = plan.refund;
  if (f && liveDepositId) {
    const refundId = scaleUuid(seed, T.refund, i);
    const reason =
      f.status === "rejected" ? "ground_not_met" : f.decidedAt === null ? null : "ground_verified";
    out.add("refund_requests", [
      refundId,
      id,
      liveDepositId,
      f.ground,
      f.status,
      fee,
      r.creator,
      f.status === "refunded" ? `re_scale_${i.toString(36)}` : null,
      f.status === "failed" ? "provider_error" : null,
      f.decidedAt === null ? null : financeOfficer,
      ts(f.decidedAt),
      reason,
      null,
      f.status === "submitted" ? 1 : f.status === "approved" ? 2 : 3,
      ts(f.createdAt),
    ]);
    if (
      f.decidedAt !== null &&
      (f.status === "refunded" || f.status === "approved" || f.status === "rejected")
    ) {
      auditDecision(
        out,
        financeOfficer,
        f.status === "rejected" ? "refund.rejected" : "refund.approved",
        "refund_request",
        refundId,
        f.decidedAt,
        reason,
      );
    }
  }

  // The outbox: the worker's SMS when the report is filed and when it is decided (all delivered long ago,
  // a few permanently failed), and the employer's receipt e-mail for the last 90 days.
  const locale = r.nationality === "EG" ? "ar" : "en";
  const end = muscatMidnight(ctx.layout.options.until);
  let k = 0;
  const message = (
    channel: "sms" | "email",
    recipient: string,
    template: string,
    t: { subject: string | null; body: string },
    at: number,
  ) => {
    const failed = (i + k) % 331 === 0;
    const sent = at + 2_000 + (i % 7) * 1000;
    out.add("notifications", [
      scaleUuid(seed, T.notif, i * 8 + k),
      channel,
      recipient,
      template,
      channel === "email" ? "ar" : locale,
      fill(t.subject, reference, r.estNameAr, r.estNameEn),
      fill(t.body, reference, r.estNameAr, r.estNameEn)!,
      failed ? "permanent_failure" : "delivered",
      `${channel === "sms" ? "sms" : "em"}_scale_${i.toString(36)}_${k}`,
      1,
      failed ? (channel === "sms" ? "number not reachable" : "mailbox does not exist") : null,
      "report",
      id,
      ts(at),
      ts(sent),
      failed ? null : ts(sent + 3_000),
      null,
    ]);
    k++;
  };
  if (plan.submittedAt !== null) {
    const filedSms = render(ctx, `filed:${locale}`, () =>
      renderTemplate("worker.report-filed.sms", locale, {
        establishmentAr: PH.ar,
        establishmentEn: PH.en,
        reference: PH.ref,
        appUrl: ctx.appUrl,
        grievanceDays: 60,
      }),
    );
    message("sms", r.mobile, "worker.report-filed.sms", filedSms, plan.submittedAt);
    if (end - plan.submittedAt < 90 * DAY_MS) {
      const receipt = render(ctx, `receipt:${r.nationality}`, () =>
        renderTemplate("employer.report-submitted.email", "ar", {
          establishmentAr: PH.ar,
          establishmentEn: PH.en,
          workerNameAr: "@@WAR@@",
          workerNameEn: "@@WEN@@",
          reference: PH.ref,
          amountBaisa: fee,
          appUrl: ctx.appUrl,
          reportId: "@@ID@@",
        }),
      );
      message(
        "email",
        r.estEmail,
        "employer.report-submitted.email",
        {
          subject:
            receipt.subject?.replaceAll("@@WAR@@", r.workerNameAr).replaceAll("@@WEN@@", r.workerNameEn) ??
            null,
          body: receipt.body
            .replaceAll("@@ID@@", id)
            .replaceAll("@@WAR@@", r.workerNameAr)
            .replaceAll("@@WEN@@", r.workerNameEn),
        },
        plan.submittedAt,
      );
    }
  }
  if (plan.decidedAt !== null && plan.status !== "submitted") {
    const outcome = plan.approvedAt !== null ? "approved" : "rejected";
    const deadline = dates?.grievanceDeadline ?? null;
    const decided = render(ctx, `decided:${outcome}:${locale}:${deadline}`, () =>
      renderTemplate("worker.report-decided.sms", locale, {
        outcome,
        reference: PH.ref,
        establishmentAr: PH.ar,
        establishmentEn: PH.en,
        deadline,
        url: `${ctx.appUrl}/${locale}/sign-in/worker`,
      }),
    );
    message("sms", r.mobile, "worker.report-decided.sms", decided, plan.decidedAt + 1_000);
  }
}

function auditDecision(
  out: Rows,
  staffId: string,
  action: string,
  entityType: string,
  entityId: string,
  at: number,
  reasonCode: string | null,
) {
  out.add("audit_events", [
    "staff",
    staffId,
    action,
    entityType,
    entityId,
    null,
    JSON.stringify({ reasonCode }),
    "10.20.0.9",
    ts(at),
  ]);
}

// --- the run -----------------------------------------------------------------------------------------------

export type ScaleSummary = {
  options: ScaleOptions;
  rows: Record<string, number>;
  establishments: number;
  bench: {
    establishmentId: string;
    crNumber: string;
    email: string;
    reports: number;
    workerCivilId: string;
    sampleReportId: string;
    sampleReference: string;
    workerReportIds: string[];
  };
  elapsedMs: number;
};

/** Thrown when the database already holds scale data. */
export class AlreadySeededError extends Error {}

export async function seedScale(
  sql: postgres.Sql,
  options: ScaleOptions,
  log: (line: string) => void = () => {},
  opts: { appUrl?: string; chunkReports?: number } = {},
): Promise<ScaleSummary> {
  const started = Date.now();
  const layout = planLayout(options);
  const stories = benchStories(layout);
  const seed = options.seed;

  const [existing] = await sql<
    { n: number }[]
  >`select count(*)::int as n from establishments where cr_number = ${BENCH.crNumber}`;
  if (existing!.n > 0)
    throw new AlreadySeededError("this database already holds scale data (Bench Establishment exists)");
  const [fees] = await sql<{ n: number }[]>`select count(*)::int as n from ticket_fees`;
  if (fees!.n === 0)
    throw new Error("the normal seed is missing (no ticket fees): run npm run db:seed first");

  log(
    `planning ${options.reports.toLocaleString("en")} reports over ${layout.establishments.length.toLocaleString("en")} establishments`,
  );
  const rank = rankByCreation(layout, stories);

  // Reserve a block of the reference sequence: new filings continue after the generated ones.
  const [seqRow] = await sql<{ v: string }[]>`select nextval('report_reference_seq')::text as v`;
  const refBase = Number(seqRow!.v);
  await sql`select setval('report_reference_seq', ${refBase + options.reports})`;

  const taken = await sql<{ civil_id: string }[]>`select civil_id from workers`;
  let civilPrime = 699_999_999;
  while (!isPrime(civilPrime)) civilPrime -= 2;

  // Extra staff who decided the history (invited accounts without a password: they cannot sign in).
  const staffRows = await sql<
    { id: string; role: string }[]
  >`select id, role from staff_users where role in ('reviewer', 'finance')`;
  const staff: Staff = {
    reviewers: staffRows.filter((s) => s.role === "reviewer").map((s) => s.id),
    finance: staffRows.filter((s) => s.role === "finance").map((s) => s.id),
  };
  const extra: { id: string; name: string; email: string; role: "reviewer" | "finance" }[] = [];
  for (let k = 0; k < 24; k++) {
    const role = k < 18 ? "reviewer" : "finance";
    extra.push({
      id: scaleUuid(seed, T.staff, k),
      name: `${role === "reviewer" ? "Reviewer" : "Finance officer"} ${k + 1}`,
      email: `${role}${k + 1}@scale.mol.example.om`,
      role,
    });
  }
  await sql`insert into staff_users ${sql(extra.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, active: true })))} on conflict do nothing`;
  staff.reviewers.push(...extra.filter((s) => s.role === "reviewer").map((s) => s.id));
  staff.finance.push(...extra.filter((s) => s.role === "finance").map((s) => s.id));

  log(`  references ordered by creation, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const [benchHash, otherHash] = await Promise.all([
    hashPassword(BENCH.password),
    hashPassword(randomBytes(24).toString("base64url")),
  ]);
  const ctx: Ctx = {
    layout,
    seed,
    staff,
    takenCivilIds: new Set([...taken.map((t) => t.civil_id), BENCH.workerCivilId]),
    civilPrime,
    nextWorker: 0,
    refBase,
    rank,
    benchHash,
    otherHash,
    appUrl: opts.appUrl ?? process.env.APP_URL ?? "http://localhost:3000",
    templates: new Map(),
  };

  log(`  passwords hashed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const totals = new Map<Table, number>(TABLE_ORDER.map((t) => [t, 0]));
  const chunk = opts.chunkReports ?? 50_000;
  // One transaction: a run that fails leaves the database as it was (the schema included).
  await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`set local maintenance_work_mem = '512MB'`;
    // Bulk-load the way pg_restore does: keys and indexes are dropped inside the transaction and built again
    // from their own catalog definitions after the rows are in; re-adding a foreign key checks every row at
    // once (one join instead of a lookup per row). CHECK constraints and triggers stay on throughout.
    const restore = await deferKeysAndIndexes(tx, TABLE_ORDER);
    log(`  ${restore.length} keys and indexes deferred until the rows are in`);
    // The statistics' running totals (migration 0009) are counted once after the load instead of by their
    // triggers batch by batch; the other triggers (the 0007 copies, the refund guards) stay on.
    for (const table of STATS_TRIGGER_TABLES)
      await tx.unsafe(`alter table ${table} disable trigger report_stats_${table}_insert`);
    let rows = new Rows();
    let done = 0;
    let copying: Promise<void> = Promise.resolve();
    const flush = (batch: Rows, upTo: number) => async () => {
      for (const table of TABLE_ORDER) {
        const lines = batch.lines.get(table)!;
        const t0 = Date.now();
        await copyRows(tx, table, lines);
        if (process.env.SCALE_TIMING) log(`    ${table}: ${lines.length} rows in ${Date.now() - t0} ms`);
        totals.set(table, totals.get(table)! + lines.length);
      }
      const s = (Date.now() - started) / 1000;
      log(
        `  ${upTo.toLocaleString("en")} / ${options.reports.toLocaleString("en")} reports (${Math.round((100 * upTo) / options.reports)} %), ${s.toFixed(0)} s, ${Math.round(upTo / s).toLocaleString("en")} reports/s`,
      );
    };
    let sinceYield = 0;
    for (const est of layout.establishments) {
      writeBlock(ctx, est, stories, rows);
      done += est.reportCount;
      sinceYield += est.reportCount + 1;
      // Let the COPY of the previous batch stream while this one is generated.
      if (sinceYield >= 500) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (rows.size("reports") >= chunk) {
        await copying;
        copying = flush(rows, done)();
        rows = new Rows();
      }
    }
    await copying;
    await flush(rows, done)();
    const t0 = Date.now();
    log(`  building ${restore.length} keys and indexes again (and checking every foreign key)`);
    for (const statement of restore) await tx.unsafe(statement);
    log(`  keys and indexes built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const table of STATS_TRIGGER_TABLES)
      await tx.unsafe(`alter table ${table} enable trigger report_stats_${table}_insert`);
    const t1 = Date.now();
    const [made] = await tx<{ n: string }[]>`select report_stats_rebuild()::text as n`;
    log(`  statistics totals counted (${made!.n} rows) in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  });
  log("  analysing the tables");
  for (const table of [...TABLE_ORDER, "report_stats"]) await sql.unsafe(`analyze ${table}`);

  const benchId = scaleUuid(seed, T.est, 0);
  const [sample] = await sql<
    { id: string; reference: string }[]
  >`select id, reference from reports where establishment_id = ${benchId} order by created_at desc, id desc offset 100 limit 1`;
  const workerReports = await sql<
    { id: string }[]
  >`select r.id from reports r join workers w on w.id = r.worker_id where w.civil_id = ${BENCH.workerCivilId} order by r.created_at`;
  return {
    options,
    rows: Object.fromEntries(totals),
    establishments: layout.establishments.length,
    bench: {
      establishmentId: benchId,
      crNumber: BENCH.crNumber,
      email: BENCH.email,
      reports: options.benchReports,
      workerCivilId: BENCH.workerCivilId,
      sampleReportId: sample?.id ?? "",
      sampleReference: sample?.reference ?? "",
      workerReportIds: workerReports.map((w) => w.id),
    },
    elapsedMs: Date.now() - started,
  };
}

// Kept for the unit tests: the pieces that decide what a row looks like.
export const internals = { esc, isOpen, benchStories, createdAtOf, NAME_TRADITIONS, createRng };
