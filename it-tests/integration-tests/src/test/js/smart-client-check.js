// Reads a member's data through the proxy with the SMART on FHIR JavaScript client (npm fhirclient), unmodified,
// as an app would: the patient's own record, then a patient-scoped search of each type, following next links.
// Usage: node smart-client-check.js {proxyFhirBase} {accessToken} {patientId} {patient-scoped types} {other types}
// (types comma-separated; a type may carry a query, e.g. ExplanationOfBenefit?use=preauthorization). Prints one
// JSON line: {"patient": id, "types": {Type: {"pages": n, "entries": n, "uses": [...]} | {"error": message}}}.
const smart = require("fhirclient");

const [serverUrl, accessToken, patient, patientTypes, otherTypes] = process.argv.slice(2);
// The Node adapter wants the incoming request of a server-side app; this script is one without a web server.
const request = { headers: { host: "localhost" }, url: "/", method: "GET", session: {} };
const response = { writeHead() {}, setHeader() {}, end() {} };
const client = smart(request, response).client({
    serverUrl,
    tokenResponse: { access_token: accessToken, token_type: "Bearer", patient }
});

async function search(type, patientScoped) {
    // pageLimit 0: follows every next link. patient.request adds the type's patient search parameter, which the
    // client finds in the server's CapabilityStatement; types outside the Patient compartment have none.
    const url = type + (type.includes("?") ? "&" : "?") + "_count=2";
    const options = { pageLimit: 0, flat: false };
    const pages = await (patientScoped ? client.patient.request(url, options) : client.request(url, options));
    const bundles = Array.isArray(pages) ? pages : [pages];
    // ExplanationOfBenefit.use of each entry: a claim, or a prior authorization (Da Vinci PDex)
    const uses = new Set();
    bundles.forEach((b) => (b.entry || []).forEach((e) => e.resource && e.resource.use && uses.add(e.resource.use)));
    return { pages: bundles.length, entries: bundles.reduce((n, b) => n + (b.entry || []).length, 0),
        uses: [...uses].sort() };
}

(async () => {
    const out = { patient: (await client.patient.read()).id, types: {} };
    const lists = [[patientTypes, true], [otherTypes, false]];
    for (const [list, patientScoped] of lists) {
        for (const type of (list || "").split(",").filter(Boolean)) {
            try {
                out.types[type] = await search(type, patientScoped);
            } catch (e) {
                out.types[type] = { error: String(e.message || e) };
            }
        }
    }
    console.log(JSON.stringify(out));
})().catch((e) => {
    console.error(String(e.message || e));
    process.exit(1);
});
