/**
 * Static demo data. Everything here is fixed; the generated part of the worker registry is built from it
 * with a seeded PRNG in `generate.ts`, so every run produces the same rows.
 *
 * All e-mail addresses use reserved example domains (`example.com`, `example.om` style sub-domains of
 * `example`), all people are invented.
 */

export type GovernorateCode = "MA" | "BN" | "SN" | "SS" | "DA" | "BS" | "ZU" | "ZA" | "BU" | "WU" | "MU";
export type NationalityCode = "IN" | "BD" | "PK" | "EG" | "PH" | "NP" | "LK";
export type Sector =
  "construction" | "cleaning" | "restaurant" | "hospitality" | "trading" | "farm" | "fishing" | "logistics";
export type PermitStatus = "active" | "left_workplace" | "cancelled" | "transferred";

/**
 * The "today" the generated dates are computed from (ages, recent arrivals). Fixed, so two runs on empty
 * databases on different days still produce the same rows.
 */
export const SEED_REFERENCE_DATE = "2026-11-28";

// ---------------------------------------------------------------------------------------------------------
// Demo accounts (README, sign-in pages and tests show and use these)
// ---------------------------------------------------------------------------------------------------------

export type DemoEmployerAccount = {
  readonly email: string;
  readonly password: string;
  readonly role: "owner" | "hr_officer";
  readonly name: string;
  /** CR number of the account's establishment. */
  readonly crNumber: string;
};

export type DemoStaffAccount = {
  readonly email: string;
  readonly password: string;
  readonly role: "reviewer" | "finance" | "supervisor";
  readonly name: string;
  /** Base32 TOTP secret the account is already enrolled with (add it to an authenticator app). */
  readonly totpSecret: string;
};

export const DEMO_ACCOUNTS = {
  employer: [
    {
      email: "owner@alnoor.example.om",
      password: "Owner-Demo-2026",
      role: "owner",
      name: "سالم بن خالد البلوشي",
      crNumber: "1012345",
    },
    {
      email: "hr@alnoor.example.om",
      password: "Hr-Demo-2026",
      role: "hr_officer",
      name: "Fatma Al Hinai",
      crNumber: "1012345",
    },
    {
      email: "owner@sohar-trading.example.om",
      password: "Owner2-Demo-2026",
      role: "owner",
      name: "Ahmed Al Maskari",
      crNumber: "2023456",
    },
  ],
  staff: [
    {
      email: "reviewer@mol.example.om",
      password: "Staff-Demo-2026",
      role: "reviewer",
      name: "Reviewer — Aisha Al Rawahi",
      totpSecret: "KVKFKRCPNZQUYMLX",
    },
    {
      email: "finance@mol.example.om",
      password: "Staff-Demo-2026",
      role: "finance",
      name: "Khalid Al Farsi",
      totpSecret: "GEZDGNBVGY3TQOJQ",
    },
    {
      email: "supervisor@mol.example.om",
      password: "Staff-Demo-2026",
      role: "supervisor",
      name: "Maryam Al Said",
      totpSecret: "MFRGGZDFMZTWQ2LK",
    },
  ],
} as const satisfies {
  readonly employer: readonly DemoEmployerAccount[];
  readonly staff: readonly DemoStaffAccount[];
};

// ---------------------------------------------------------------------------------------------------------
// Governorates (DOMAIN.md §2, in the table's order)
// ---------------------------------------------------------------------------------------------------------

export type GovernorateSeed = {
  readonly code: GovernorateCode;
  readonly nameEn: string;
  readonly nameAr: string;
  readonly pilotFrom: string;
  readonly mandatoryFrom: string;
  readonly sortOrder: number;
};

const PILOT_FROM = "2016-12-13";

export const GOVERNORATES: readonly GovernorateSeed[] = (
  [
    ["MA", "Muscat", "مسقط"],
    ["BN", "North Al Batinah", "شمال الباطنة"],
    ["SN", "North Ash Sharqiyah", "شمال الشرقية"],
    ["SS", "South Ash Sharqiyah", "جنوب الشرقية"],
    ["DA", "Ad Dakhiliyah", "الداخلية"],
    ["BS", "South Al Batinah", "جنوب الباطنة"],
    ["ZU", "Dhofar", "ظفار"],
    ["ZA", "Ad Dhahirah", "الظاهرة"],
    ["BU", "Al Buraimi", "البريمي"],
    ["WU", "Al Wusta", "الوسطى"],
    ["MU", "Musandam", "مسندم"],
  ] as const
).map(([code, nameEn, nameAr], i) => ({
  code,
  nameEn,
  nameAr,
  pilotFrom: PILOT_FROM,
  mandatoryFrom: code === "MA" ? "2017-01-01" : "2017-02-01",
  sortOrder: i + 1,
}));

// ---------------------------------------------------------------------------------------------------------
// Establishments
// ---------------------------------------------------------------------------------------------------------

export type EstablishmentSeed = {
  readonly crNumber: string;
  readonly nameAr: string;
  readonly nameEn: string;
  readonly governorateCode: GovernorateCode;
  readonly address: string;
  readonly municipalityLicenceNumber: string;
  readonly email: string;
  readonly phone: string;
  readonly sector: Sector;
  /** How many workers the registry holds for it (demo workers included). */
  readonly headcount: number;
};

export const AL_NOOR_CR = "1012345";
export const SOHAR_TRADING_CR = "2023456";

export const ESTABLISHMENTS: readonly EstablishmentSeed[] = [
  // Muscat
  {
    crNumber: AL_NOOR_CR,
    nameAr: "شركة النور للمقاولات ش.م.م",
    nameEn: "Al Noor Contracting LLC",
    governorateCode: "MA",
    address: "الخوير، ولاية بوشر، مسقط — Al Khuwair, Bawshar, Muscat",
    municipalityLicenceNumber: "MM/2014/118452",
    email: "info@alnoor.example.om",
    phone: "+96824481230",
    sector: "construction",
    headcount: 54,
  },
  {
    crNumber: "1048821",
    nameAr: "شركة الرمال الذهبية لخدمات التنظيف ش.م.م",
    nameEn: "Golden Sands Cleaning Services LLC",
    governorateCode: "MA",
    address: "روي، ولاية مطرح، مسقط",
    municipalityLicenceNumber: "MM/2015/204719",
    email: "info@goldensands.example.om",
    phone: "+96824790415",
    sector: "cleaning",
    headcount: 30,
  },
  {
    crNumber: "1106734",
    nameAr: "مطعم ومقهى بيت اللبان",
    nameEn: "Bait Al Luban Restaurant & Café",
    governorateCode: "MA",
    address: "القرم، ولاية مطرح، مسقط — Qurum, Muttrah, Muscat",
    municipalityLicenceNumber: "MM/2017/330581",
    email: "contact@baitalluban.example.om",
    phone: "+96824564102",
    sector: "restaurant",
    headcount: 16,
  },
  {
    crNumber: "1163390",
    nameAr: "فندق شاطئ القرم ش.م.ع.م",
    nameEn: "Qurum Beach Hotel SAOC",
    governorateCode: "MA",
    address: "شاطئ القرم، ولاية بوشر، مسقط",
    municipalityLicenceNumber: "MM/2012/097733",
    email: "hr@qurumbeachhotel.example.om",
    phone: "+96824601900",
    sector: "hospitality",
    headcount: 24,
  },
  {
    crNumber: "1201577",
    nameAr: "شركة مسقط الحديثة للتجارة ش.م.م",
    nameEn: "Muscat Modern Trading LLC",
    governorateCode: "MA",
    address: "الغبرة الشمالية، ولاية بوشر، مسقط",
    municipalityLicenceNumber: "MM/2018/412906",
    email: "sales@muscatmodern.example.om",
    phone: "+96892418830",
    sector: "trading",
    headcount: 18,
  },
  {
    crNumber: "1259043",
    nameAr: "شركة السيب للإنشاءات والصيانة",
    nameEn: "Al Seeb Construction & Maintenance Co.",
    governorateCode: "MA",
    address: "المعبيلة الجنوبية، ولاية السيب، مسقط — Al Mabaila South, Seeb",
    municipalityLicenceNumber: "MM/2019/455120",
    email: "office@alseebconstruction.example.om",
    phone: "+96824453377",
    sector: "construction",
    headcount: 26,
  },
  // North Al Batinah
  {
    crNumber: SOHAR_TRADING_CR,
    nameAr: "مؤسسة صحار للتجارة",
    nameEn: "Sohar Trading Est.",
    governorateCode: "BN",
    address: "الطريف، ولاية صحار، شمال الباطنة — Al Tareef, Sohar",
    municipalityLicenceNumber: "SH/2016/021877",
    email: "info@sohar-trading.example.om",
    phone: "+96826842215",
    sector: "trading",
    headcount: 28,
  },
  {
    crNumber: "2071288",
    nameAr: "شركة الباطنة للمقاولات الإنشائية ش.م.م",
    nameEn: "Al Batinah Building Contractors LLC",
    governorateCode: "BN",
    address: "فلج القبائل، ولاية صحار، شمال الباطنة",
    municipalityLicenceNumber: "SH/2013/009154",
    email: "info@batinahbuilders.example.om",
    phone: "+96826751048",
    sector: "construction",
    headcount: 24,
  },
  {
    crNumber: "2109975",
    nameAr: "مزارع الخابورة الخضراء",
    nameEn: "Al Khaburah Green Farms",
    governorateCode: "BN",
    address: "ولاية الخابورة، شمال الباطنة",
    municipalityLicenceNumber: "KB/2018/003396",
    email: "farms@khaburahgreen.example.om",
    phone: "+96899217604",
    sector: "farm",
    headcount: 14,
  },
  {
    crNumber: "2156620",
    nameAr: "مطاعم شناص الشعبية",
    nameEn: "Shinas Popular Restaurants",
    governorateCode: "BN",
    address: "السوق القديم، ولاية شناص، شمال الباطنة",
    municipalityLicenceNumber: "SN/2020/001842",
    email: "shinas.restaurants@example.om",
    phone: "+96826747321",
    sector: "restaurant",
    headcount: 10,
  },
  // The other nine governorates
  {
    crNumber: "3035517",
    nameAr: "مزرعة إبراء للتمور",
    nameEn: "Ibra Dates Farm",
    governorateCode: "SN",
    address: "ولاية إبراء، شمال الشرقية",
    municipalityLicenceNumber: "IB/2017/000731",
    email: "ibradates@example.om",
    phone: "+96825571840",
    sector: "farm",
    headcount: 10,
  },
  {
    crNumber: "3082249",
    nameAr: "شركة صور للخدمات البحرية والتجارة ش.م.م",
    nameEn: "Sur Marine Services & Trading LLC",
    governorateCode: "SS",
    address: "العيجة، ولاية صور، جنوب الشرقية",
    municipalityLicenceNumber: "SR/2015/004419",
    email: "info@surmarine.example.om",
    phone: "+96825540992",
    sector: "fishing",
    headcount: 12,
  },
  {
    crNumber: "4017736",
    nameAr: "نزل الجبل الأخضر",
    nameEn: "Jabal Akhdar Mountain Lodge",
    governorateCode: "DA",
    address: "سيح قطنة، الجبل الأخضر، ولاية نزوى، الداخلية",
    municipalityLicenceNumber: "NZ/2019/002278",
    email: "reservations@jabalakhdarlodge.example.om",
    phone: "+96825429160",
    sector: "hospitality",
    headcount: 12,
  },
  {
    crNumber: "4062281",
    nameAr: "شركة الرستاق للتنظيف والخدمات العامة",
    nameEn: "Rustaq Cleaning & General Services",
    governorateCode: "BS",
    address: "ولاية الرستاق، جنوب الباطنة",
    municipalityLicenceNumber: "RS/2021/000965",
    email: "rustaqservices@example.om",
    phone: "+96826875513",
    sector: "cleaning",
    headcount: 12,
  },
  {
    crNumber: "5018840",
    nameAr: "شركة ظفار للمقاولات والتجارة ش.م.م",
    nameEn: "Dhofar Contracting & Trading LLC",
    governorateCode: "ZU",
    address: "الدهاريز، ولاية صلالة، ظفار — Al Dahariz, Salalah",
    municipalityLicenceNumber: "DM/2014/016630",
    email: "info@dhofarcontracting.example.om",
    phone: "+96823298471",
    sector: "construction",
    headcount: 20,
  },
  {
    crNumber: "5067312",
    nameAr: "مزارع عبري الحديثة",
    nameEn: "Ibri Modern Farms",
    governorateCode: "ZA",
    address: "ولاية عبري، الظاهرة",
    municipalityLicenceNumber: "IR/2016/001207",
    email: "ibrifarms@example.om",
    phone: "+96825689034",
    sector: "farm",
    headcount: 10,
  },
  {
    crNumber: "6021195",
    nameAr: "مطعم واحة البريمي",
    nameEn: "Buraimi Oasis Restaurant",
    governorateCode: "BU",
    address: "شارع السوق، ولاية البريمي، البريمي",
    municipalityLicenceNumber: "BR/2022/000418",
    email: "oasis.restaurant@example.om",
    phone: "+96892306617",
    sector: "restaurant",
    headcount: 8,
  },
  {
    crNumber: "6074408",
    nameAr: "شركة الدقم للخدمات اللوجستية ش.م.م",
    nameEn: "Duqm Logistics Services LLC",
    governorateCode: "WU",
    address: "المنطقة الاقتصادية الخاصة بالدقم، الوسطى — SEZ Duqm",
    municipalityLicenceNumber: "DQ/2018/000352",
    email: "ops@duqmlogistics.example.om",
    phone: "+96825214780",
    sector: "logistics",
    headcount: 10,
  },
  {
    crNumber: "7013356",
    nameAr: "شركة خصب للصيد والتجارة",
    nameEn: "Khasab Fishing & Trading Co.",
    governorateCode: "MU",
    address: "ميناء خصب، ولاية خصب، مسندم",
    municipalityLicenceNumber: "KS/2017/000127",
    email: "khasabfishing@example.om",
    phone: "+96826730488",
    sector: "fishing",
    headcount: 6,
  },
];

// ---------------------------------------------------------------------------------------------------------
// Workers fixed by the README and the tests
// ---------------------------------------------------------------------------------------------------------

export type WorkerSeed = {
  readonly civilId: string;
  readonly passportNumber: string;
  readonly nameAr: string;
  readonly nameEn: string;
  readonly nationality: NationalityCode;
  readonly dateOfBirth: string;
  readonly mobile: string;
  readonly email: string | null;
  /** CR number of the establishment holding the permit; null for none. */
  readonly crNumber: string | null;
  readonly occupation: string;
  readonly permitNumber: string;
  readonly permitStatus: PermitStatus;
  readonly enteredOmanOn: string;
};

export const DEMO_WORKERS: readonly WorkerSeed[] = [
  {
    civilId: "100000001",
    passportNumber: "M4517203",
    nameEn: "Ramesh Kumar",
    nameAr: "راميش كومار",
    nationality: "IN",
    dateOfBirth: "1988-07-14",
    mobile: "+96891000001",
    email: "ramesh.kumar@example.com",
    crNumber: AL_NOOR_CR,
    occupation: "Mason",
    permitNumber: "WP19031001",
    permitStatus: "active",
    enteredOmanOn: "2019-03-10",
  },
  {
    civilId: "100000002",
    passportNumber: "BQ0483927",
    nameEn: "Mohammed Rafiq Hossain",
    nameAr: "محمد رفيق حسين",
    nationality: "BD",
    dateOfBirth: "1992-02-03",
    mobile: "+96891000002",
    email: null,
    crNumber: AL_NOOR_CR,
    occupation: "Steel fixer",
    permitNumber: "WP21060102",
    permitStatus: "active",
    enteredOmanOn: "2021-06-01",
  },
  {
    civilId: "100000003",
    passportNumber: "P3370915B",
    nameEn: "Maria Santos",
    nameAr: "ماريا سانتوس",
    nationality: "PH",
    dateOfBirth: "1994-11-22",
    mobile: "+96891000003",
    email: "maria.santos@example.com",
    crNumber: SOHAR_TRADING_CR,
    occupation: "Cashier",
    permitNumber: "WP22011503",
    permitStatus: "active",
    enteredOmanOn: "2022-01-15",
  },
];

// ---------------------------------------------------------------------------------------------------------
// Pools for the generated workers
// ---------------------------------------------------------------------------------------------------------

/** A name part in Latin script and its usual Arabic-script spelling in Omani records. */
export type NamePart = readonly [en: string, ar: string];

/**
 * A naming tradition: a full name is `prefix? + given (+ second given)? + family`. Keeping traditions apart
 * avoids combinations nobody is called (a Kerala Christian given name with a Punjabi surname, say).
 */
export type NameTradition = {
  readonly weight: number;
  /** Share of women in this pool among the sectors that employ women (0 when the pool has no female names). */
  readonly femaleShare: number;
  readonly male: readonly NamePart[];
  readonly female: readonly NamePart[];
  readonly family: readonly NamePart[];
  /** Family names used for women instead of `family`, when the tradition differs (Bangladesh). */
  readonly femaleFamily?: readonly NamePart[];
  /** Optional first element ("Mohammed" in Bangladesh), with the probability it appears, men only. */
  readonly prefix?: { readonly part: NamePart; readonly p: number };
  /** Probability of a father's given name between given and family (Egypt). */
  readonly fatherNameP?: number;
};

export const NAME_TRADITIONS: Readonly<Record<NationalityCode, readonly NameTradition[]>> = {
  IN: [
    {
      // Hindu names, north and south
      weight: 6,
      femaleShare: 0.12,
      male: [
        ["Ramesh", "راميش"],
        ["Suresh", "سوريش"],
        ["Rajesh", "راجيش"],
        ["Anil", "أنيل"],
        ["Sunil", "سونيل"],
        ["Vijay", "فيجاي"],
        ["Manoj", "مانوج"],
        ["Santhosh", "سانتوش"],
        ["Prakash", "براكاش"],
        ["Rahul", "راهول"],
        ["Arun", "أرون"],
        ["Mahesh", "ماهيش"],
        ["Dinesh", "دينيش"],
        ["Ganesh", "غانيش"],
        ["Venkatesh", "فينكاتيش"],
        ["Murugan", "موروغان"],
        ["Rajan", "راجان"],
        ["Satheesh", "ساتيش"],
        ["Anoop", "أنوب"],
        ["Biju", "بيجو"],
        ["Shaji", "شاجي"],
        ["Sanjay", "سانجاي"],
        ["Deepak", "ديباك"],
        ["Ravi", "رافي"],
        ["Gopal", "غوبال"],
      ],
      female: [
        ["Lakshmi", "لاكشمي"],
        ["Priya", "بريا"],
        ["Anitha", "أنيتا"],
        ["Sunitha", "سونيتا"],
        ["Shalini", "شاليني"],
        ["Divya", "ديفيا"],
        ["Kavitha", "كافيتا"],
      ],
      family: [
        ["Kumar", "كومار"],
        ["Nair", "ناير"],
        ["Pillai", "بيلاي"],
        ["Menon", "مينون"],
        ["Singh", "سينغ"],
        ["Sharma", "شارما"],
        ["Yadav", "ياداف"],
        ["Reddy", "ريدي"],
        ["Patel", "باتيل"],
        ["Das", "داس"],
        ["Gupta", "غوبتا"],
        ["Naidu", "نايدو"],
        ["Krishnan", "كريشنان"],
        ["Rao", "راو"],
        ["Chandran", "شاندران"],
        ["Babu", "بابو"],
        ["Kutty", "كوتي"],
        ["Prasad", "براساد"],
      ],
    },
    {
      // Kerala Christian names
      weight: 2,
      femaleShare: 0.2,
      male: [
        ["Joseph", "جوزيف"],
        ["Thomas", "توماس"],
        ["George", "جورج"],
        ["Jose", "جوزي"],
        ["Sabu", "سابو"],
        ["Shibu", "شيبو"],
        ["Jijo", "جيجو"],
        ["Binu", "بينو"],
        ["Tomy", "تومي"],
      ],
      female: [
        ["Mary", "ماري"],
        ["Annamma", "أناما"],
        ["Jincy", "جينسي"],
        ["Reena", "رينا"],
      ],
      family: [
        ["Varghese", "فارغيز"],
        ["Mathew", "ماثيو"],
        ["Kurian", "كوريان"],
        ["Philip", "فيليب"],
        ["Abraham", "أبراهام"],
        ["Chacko", "تشاكو"],
        ["Joseph", "جوزيف"],
        ["Thomas", "توماس"],
      ],
    },
    {
      // Muslim names from Kerala and the north
      weight: 3,
      femaleShare: 0,
      male: [
        ["Abdul Salam", "عبد السلام"],
        ["Shameer", "شمير"],
        ["Noushad", "نوشاد"],
        ["Shafeeq", "شفيق"],
        ["Faisal", "فيصل"],
        ["Ashraf", "أشرف"],
        ["Mohammed Ali", "محمد علي"],
        ["Abdul Rasheed", "عبد الرشيد"],
        ["Sirajudheen", "سراج الدين"],
        ["Imtiaz", "امتياز"],
        ["Aslam", "أسلم"],
      ],
      female: [],
      family: [
        ["Koya", "كويا"],
        ["Ansari", "أنصاري"],
        ["Shaikh", "شيخ"],
        ["Qureshi", "قريشي"],
        ["Khan", "خان"],
        ["Abdulla", "عبدالله"],
        ["Moideen", "محيي الدين"],
        ["Kunju", "كونجو"],
      ],
    },
  ],
  BD: [
    {
      weight: 1,
      femaleShare: 0.1,
      male: [
        ["Rafiq", "رفيق"],
        ["Jamal", "جمال"],
        ["Kamal", "كمال"],
        ["Habib", "حبيب"],
        ["Anwar", "أنور"],
        ["Rashed", "راشد"],
        ["Sohel", "سهيل"],
        ["Alamgir", "عالمغير"],
        ["Jahangir", "جهانغير"],
        ["Faruk", "فاروق"],
        ["Monir", "منير"],
        ["Nazrul", "نذرول"],
        ["Abul Kalam", "أبو الكلام"],
        ["Shahidul", "شهيدول"],
        ["Mizanur", "ميزانور"],
        ["Rafiqul", "رفيقول"],
        ["Shafiqul", "شفيقول"],
        ["Aminul", "أمينول"],
        ["Masud", "مسعود"],
        ["Selim", "سليم"],
        ["Babul", "بابول"],
        ["Liton", "ليتون"],
        ["Sumon", "سومون"],
        ["Mamun", "مأمون"],
        ["Abdul Karim", "عبد الكريم"],
        ["Abdul Malek", "عبد المالك"],
      ],
      female: [
        ["Nasima", "نسيمة"],
        ["Rokeya", "رقية"],
        ["Shahnaz", "شهناز"],
        ["Salma", "سلمى"],
        ["Rahima", "رحيمة"],
      ],
      family: [
        ["Hossain", "حسين"],
        ["Islam", "إسلام"],
        ["Rahman", "رحمن"],
        ["Uddin", "الدين"],
        ["Miah", "ميا"],
        ["Ahmed", "أحمد"],
        ["Ali", "علي"],
        ["Sarker", "سركار"],
        ["Khan", "خان"],
        ["Chowdhury", "تشودري"],
        ["Mollah", "ملا"],
        ["Sheikh", "شيخ"],
        ["Biswas", "بيسواس"],
        ["Howlader", "هاولادر"],
        ["Mia", "ميا"],
        ["Bhuiyan", "بويان"],
      ],
      femaleFamily: [
        ["Begum", "بيغوم"],
        ["Akter", "أختر"],
        ["Khatun", "خاتون"],
      ],
      prefix: { part: ["Mohammed", "محمد"], p: 0.45 },
    },
  ],
  PK: [
    {
      weight: 1,
      femaleShare: 0,
      male: [
        ["Imran", "عمران"],
        ["Asif", "آصف"],
        ["Tariq", "طارق"],
        ["Naveed", "نويد"],
        ["Shahzad", "شهزاد"],
        ["Waqas", "وقاص"],
        ["Zubair", "زبير"],
        ["Bilal", "بلال"],
        ["Kashif", "كاشف"],
        ["Sajid", "ساجد"],
        ["Arshad", "أرشد"],
        ["Irfan", "عرفان"],
        ["Nadeem", "نديم"],
        ["Khalid", "خالد"],
        ["Usman", "عثمان"],
        ["Javed", "جاويد"],
        ["Muhammad Asif", "محمد آصف"],
        ["Muhammad Nawaz", "محمد نواز"],
        ["Gul Zaman", "غل زمان"],
        ["Sher Ali", "شير علي"],
      ],
      female: [],
      family: [
        ["Khan", "خان"],
        ["Ahmed", "أحمد"],
        ["Hussain", "حسين"],
        ["Iqbal", "إقبال"],
        ["Baloch", "بلوش"],
        ["Shah", "شاه"],
        ["Butt", "بت"],
        ["Malik", "مالك"],
        ["Akhtar", "أختر"],
        ["Qureshi", "قريشي"],
        ["Rana", "رانا"],
        ["Mahmood", "محمود"],
        ["Abbasi", "عباسي"],
        ["Afridi", "أفريدي"],
        ["Yousafzai", "يوسفزي"],
        ["Awan", "أعوان"],
      ],
    },
  ],
  EG: [
    {
      weight: 1,
      femaleShare: 0,
      male: [
        ["Ahmed", "أحمد"],
        ["Mohamed", "محمد"],
        ["Mahmoud", "محمود"],
        ["Mostafa", "مصطفى"],
        ["Hassan", "حسن"],
        ["Ibrahim", "إبراهيم"],
        ["Tarek", "طارق"],
        ["Sayed", "سيد"],
        ["Hany", "هاني"],
        ["Wael", "وائل"],
        ["Karim", "كريم"],
        ["Amr", "عمرو"],
        ["Hossam", "حسام"],
        ["Ayman", "أيمن"],
        ["Sherif", "شريف"],
        ["Osama", "أسامة"],
        ["Walid", "وليد"],
        ["Essam", "عصام"],
      ],
      female: [],
      family: [
        ["Abdel Aziz", "عبد العزيز"],
        ["El Sayed", "السيد"],
        ["Mansour", "منصور"],
        ["Fahmy", "فهمي"],
        ["Saleh", "صالح"],
        ["Abdel Fattah", "عبد الفتاح"],
        ["Shaaban", "شعبان"],
        ["Ragab", "رجب"],
        ["Farouk", "فاروق"],
        ["Ghoneim", "غنيم"],
        ["Youssef", "يوسف"],
        ["Othman", "عثمان"],
        ["El Masry", "المصري"],
        ["Abdel Rahman", "عبد الرحمن"],
      ],
      fatherNameP: 0.7,
    },
  ],
  PH: [
    {
      weight: 1,
      femaleShare: 0.55,
      male: [
        ["Jose", "خوسيه"],
        ["Juan", "خوان"],
        ["Mark", "مارك"],
        ["John Paul", "جون بول"],
        ["Michael", "مايكل"],
        ["Jerome", "جيروم"],
        ["Ronaldo", "رونالدو"],
        ["Rodel", "روديل"],
        ["Arnel", "أرنيل"],
        ["Joel", "جويل"],
        ["Rommel", "روميل"],
        ["Christian", "كريستيان"],
        ["Ramon", "رامون"],
        ["Noel", "نويل"],
        ["Edwin", "إدوين"],
      ],
      female: [
        ["Maria", "ماريا"],
        ["Ana", "آنا"],
        ["Grace", "غريس"],
        ["Joy", "جوي"],
        ["Rowena", "روينا"],
        ["Marites", "ماريتس"],
        ["Jocelyn", "جوسلين"],
        ["Analyn", "أنالين"],
        ["Cristina", "كريستينا"],
        ["Rosalie", "روزالي"],
        ["Mary Ann", "ماري آن"],
        ["Jennifer", "جينيفر"],
        ["Liza", "ليزا"],
        ["Maricel", "ماريسيل"],
      ],
      family: [
        ["Santos", "سانتوس"],
        ["Reyes", "رييس"],
        ["Cruz", "كروز"],
        ["Bautista", "باوتيستا"],
        ["Garcia", "غارسيا"],
        ["Mendoza", "ميندوزا"],
        ["Villanueva", "فيلانويفا"],
        ["Dela Cruz", "ديلا كروز"],
        ["Ramos", "راموس"],
        ["Aquino", "أكينو"],
        ["Flores", "فلوريس"],
        ["Gonzales", "غونزاليس"],
        ["Castillo", "كاستيلو"],
        ["Torres", "توريس"],
        ["Navarro", "نافارو"],
        ["Soriano", "سوريانو"],
        ["Pascual", "باسكوال"],
      ],
    },
  ],
  NP: [
    {
      weight: 1,
      femaleShare: 0.1,
      male: [
        ["Ram", "رام"],
        ["Krishna", "كريشنا"],
        ["Bikash", "بيكاش"],
        ["Suman", "سومان"],
        ["Dipak", "ديباك"],
        ["Rajendra", "راجيندرا"],
        ["Hari", "هاري"],
        ["Binod", "بينود"],
        ["Santosh", "سانتوش"],
        ["Bishnu", "بيشنو"],
        ["Prem", "بريم"],
        ["Dil Bahadur", "ديل بهادور"],
        ["Min Bahadur", "مين بهادور"],
        ["Nabin", "نابين"],
        ["Ramesh", "راميش"],
      ],
      female: [
        ["Sita", "سيتا"],
        ["Gita", "غيتا"],
        ["Sarita", "ساريتا"],
        ["Laxmi", "لاكسمي"],
      ],
      family: [
        ["Gurung", "غورونغ"],
        ["Tamang", "تامانغ"],
        ["Thapa", "ثابا"],
        ["Magar", "ماغار"],
        ["Rai", "راي"],
        ["Limbu", "ليمبو"],
        ["Shrestha", "شريستا"],
        ["Karki", "كاركي"],
        ["Adhikari", "أديكاري"],
        ["Bhandari", "بهنداري"],
        ["Sherpa", "شيربا"],
        ["Khadka", "خادكا"],
        ["Poudel", "بوديل"],
        ["Tharu", "ثارو"],
      ],
    },
  ],
  LK: [
    {
      weight: 1,
      femaleShare: 0.45,
      male: [
        ["Nimal", "نيمال"],
        ["Sunil", "سونيل"],
        ["Kamal", "كمال"],
        ["Chaminda", "تشاميندا"],
        ["Ruwan", "روان"],
        ["Pradeep", "براديب"],
        ["Nuwan", "نووان"],
        ["Sampath", "سامباث"],
        ["Ajith", "أجيث"],
        ["Lasantha", "لاسانثا"],
        ["Mahesh", "ماهيش"],
        ["Asanka", "أسانكا"],
      ],
      female: [
        ["Kumari", "كوماري"],
        ["Nadeeka", "ناديكا"],
        ["Dilani", "ديلاني"],
        ["Chamari", "تشاماري"],
        ["Sandya", "سانديا"],
        ["Malani", "مالاني"],
        ["Shyamali", "شيامالي"],
      ],
      family: [
        ["Perera", "بيريرا"],
        ["Fernando", "فرناندو"],
        ["Silva", "سيلفا"],
        ["De Silva", "دي سيلفا"],
        ["Jayasinghe", "جاياسينغ"],
        ["Bandara", "باندارا"],
        ["Wickramasinghe", "ويكراماسينغ"],
        ["Rathnayake", "راثنايكا"],
        ["Dissanayake", "ديساناياكا"],
        ["Gunasekara", "غوناسيكارا"],
        ["Herath", "هيراث"],
        ["Kumara", "كومارا"],
        ["Senanayake", "سينانايكا"],
      ],
    },
  ],
};

/** Nationality mix by sector; over the whole registry India and Bangladesh come first (DOMAIN.md §6). */
export const NATIONALITY_WEIGHTS: Readonly<
  Record<Sector, Readonly<Partial<Record<NationalityCode, number>>>>
> = {
  construction: { IN: 36, BD: 34, PK: 20, NP: 7, EG: 3 },
  cleaning: { BD: 40, IN: 20, PH: 15, LK: 15, NP: 10 },
  restaurant: { IN: 40, BD: 20, PH: 15, EG: 10, NP: 10, LK: 5 },
  hospitality: { PH: 35, IN: 25, LK: 15, NP: 15, BD: 5, EG: 5 },
  trading: { IN: 38, BD: 18, PK: 14, EG: 14, PH: 16 },
  farm: { BD: 50, IN: 25, PK: 15, NP: 10 },
  fishing: { BD: 40, IN: 30, PK: 30 },
  logistics: { IN: 35, PK: 30, BD: 20, EG: 10, PH: 5 },
};

/** Sectors where the demo registry has women at all. */
export const SECTORS_EMPLOYING_WOMEN: readonly Sector[] = [
  "cleaning",
  "restaurant",
  "hospitality",
  "trading",
];

/** Occupations by sector, with weights; `women` marks the ones women are given in the demo data. */
export const OCCUPATIONS: Readonly<
  Record<Sector, readonly { readonly title: string; readonly weight: number; readonly women?: true }[]>
> = {
  construction: [
    { title: "Mason", weight: 8 },
    { title: "Labourer", weight: 10 },
    { title: "Carpenter", weight: 5 },
    { title: "Steel fixer", weight: 5 },
    { title: "Electrician", weight: 3 },
    { title: "Plumber", weight: 3 },
    { title: "Painter", weight: 3 },
    { title: "Welder", weight: 2 },
    { title: "Driver", weight: 3 },
    { title: "Heavy equipment operator", weight: 2 },
    { title: "Site supervisor", weight: 1 },
  ],
  cleaning: [
    { title: "Cleaner", weight: 12, women: true },
    { title: "Housekeeper", weight: 4, women: true },
    { title: "Cleaning supervisor", weight: 1, women: true },
    { title: "Driver", weight: 2 },
    { title: "Pest control technician", weight: 1 },
  ],
  restaurant: [
    { title: "Cook", weight: 6 },
    { title: "Waiter", weight: 6, women: true },
    { title: "Kitchen helper", weight: 5 },
    { title: "Cashier", weight: 2, women: true },
    { title: "Baker", weight: 2 },
    { title: "Delivery driver", weight: 3 },
  ],
  hospitality: [
    { title: "Room attendant", weight: 5, women: true },
    { title: "Receptionist", weight: 3, women: true },
    { title: "Waiter", weight: 4, women: true },
    { title: "Cook", weight: 3 },
    { title: "Laundry worker", weight: 2, women: true },
    { title: "Maintenance technician", weight: 2 },
    { title: "Security guard", weight: 1 },
    { title: "Driver", weight: 1 },
  ],
  trading: [
    { title: "Salesman", weight: 8 },
    { title: "Sales assistant", weight: 3, women: true },
    { title: "Storekeeper", weight: 3 },
    { title: "Cashier", weight: 3, women: true },
    { title: "Accountant", weight: 2, women: true },
    { title: "Driver", weight: 3 },
    { title: "Loader", weight: 3 },
  ],
  farm: [
    { title: "Farm worker", weight: 12 },
    { title: "Shepherd", weight: 2 },
    { title: "Tractor driver", weight: 1 },
    { title: "Irrigation technician", weight: 1 },
  ],
  fishing: [
    { title: "Fisherman", weight: 10 },
    { title: "Boat mechanic", weight: 2 },
    { title: "Fish cleaner", weight: 3 },
    { title: "Driver", weight: 1 },
  ],
  logistics: [
    { title: "Heavy truck driver", weight: 6 },
    { title: "Forklift operator", weight: 3 },
    { title: "Warehouse worker", weight: 5 },
    { title: "Mechanic", weight: 2 },
    { title: "Clerk", weight: 1 },
  ],
};

/**
 * Generated workers who arrived in Oman only weeks before {@link SEED_REFERENCE_DATE}, so the "less than a
 * month in the country" exemption from the salary statement (DOMAIN.md §3) has examples. Each entry makes
 * that establishment's generated workers, in order, active permits with these entry dates.
 */
export const RECENT_ARRIVALS: readonly {
  readonly crNumber: string;
  readonly enteredOmanOn: readonly string[];
}[] = [
  { crNumber: AL_NOOR_CR, enteredOmanOn: ["2026-11-08", "2026-11-18"] },
  { crNumber: SOHAR_TRADING_CR, enteredOmanOn: ["2026-11-03"] },
  { crNumber: "1048821", enteredOmanOn: ["2026-11-11"] },
  { crNumber: "1163390", enteredOmanOn: ["2026-11-15"] },
  { crNumber: "2071288", enteredOmanOn: ["2026-11-01", "2026-11-21"] },
];
