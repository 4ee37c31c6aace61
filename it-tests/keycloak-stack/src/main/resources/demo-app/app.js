// The demo app: an ordinary OAuth public client of Keycloak (authorization code + PKCE) that reads the
// member's health-plan data only through keycloak-payer-access's FHIR proxy. It never sees a plan token.
const config = await (await fetch('config.json')).json();
const realmUrl = `${config.keycloak}/realms/${encodeURIComponent(config.realm)}`;
const oidc = `${realmUrl}/protocol/openid-connect`;
const api = `${realmUrl}/payer-access`;
const redirectUri = `${location.origin}/`;
// What this app does with the member's plans: read claims (patient/*.read), list the connected plans
// (payer-links:read) and disconnect them (payer-links:manage).
const SCOPE = 'openid patient/*.read payer-links:read payer-links:manage';

const $ = (id) => document.getElementById(id);
const show = (id, visible) => { $(id).hidden = !visible; };

function status(text, isError = false) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
}

function randomText(bytes) {
    const values = crypto.getRandomValues(new Uint8Array(bytes));
    return base64url(values);
}

function base64url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Parameters of a new authorization request (sign-in, plan picker or relink), remembered for the return. */
async function authorizationParameters() {
    const verifier = randomText(32);
    const state = randomText(16);
    const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
    return new URLSearchParams({ client_id: config.clientId, redirect_uri: redirectUri, response_type: 'code',
        scope: SCOPE, state, code_challenge: challenge, code_challenge_method: 'S256' });
}

async function signIn() {
    location.assign(`${oidc}/auth?${await authorizationParameters()}`);
}

async function openPicker() {
    location.assign(`${api}/connect?${await authorizationParameters()}`);
}

async function relink(link) {
    const url = new URL(link.linkUrl);
    for (const [name, value] of await authorizationParameters()) {
        url.searchParams.set(name, value);
    }
    location.assign(url);
}

function tokens() {
    return JSON.parse(sessionStorage.getItem('tokens') || 'null');
}

async function tokenRequest(form) {
    const response = await fetch(`${oidc}/token`, { method: 'POST', body: new URLSearchParams(form) });
    if (!response.ok) {
        throw new Error(`Keycloak refused the token request (HTTP ${response.status})`);
    }
    sessionStorage.setItem('tokens', JSON.stringify(await response.json()));
}

/** Back from Keycloak (sign-in, linking or relinking): trade the code for tokens. */
async function finishRedirect() {
    const query = new URLSearchParams(location.search);
    if (!query.has('code') && !query.has('error')) {
        return;
    }
    history.replaceState(null, '', redirectUri);
    const pending = JSON.parse(sessionStorage.getItem('pkce') || 'null');
    sessionStorage.removeItem('pkce');
    if (query.has('error')) {
        status(`Keycloak answered: ${query.get('error_description') || query.get('error')}`, true);
        return;
    }
    if (!pending || pending.state !== query.get('state')) {
        status('This sign-in answer does not belong to a request of this page; please start again.', true);
        return;
    }
    await tokenRequest({ grant_type: 'authorization_code', client_id: config.clientId, code: query.get('code'),
        redirect_uri: redirectUri, code_verifier: pending.verifier });
}

/** Calls the extension's API with the Keycloak access token, renewing it once when it expired. */
async function call(path, options = {}) {
    const send = () => fetch(`${api}/${path}`, { ...options,
        headers: { Authorization: `Bearer ${tokens().access_token}`, Accept: 'application/fhir+json, application/json' } });
    let response = await send();
    if (response.status === 401 && tokens().refresh_token) {
        await tokenRequest({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: tokens().refresh_token });
        response = await send();
    }
    return response;
}

async function problem(response) {
    try {
        const outcome = await response.json();
        return outcome.issue?.[0]?.diagnostics || `HTTP ${response.status}`;
    } catch {
        return `HTTP ${response.status}`;
    }
}

function claims(jwt) {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
}

async function showPlans() {
    const response = await call('links');
    if (!response.ok) {
        status(`Could not read your plans: ${await problem(response)}`, true);
        return;
    }
    const links = await response.json();
    const list = $('plan-list');
    list.replaceChildren(...links.map(planCard));
    planNames = new Map(links.map((link) => [link.alias, link.displayName]));
    show('no-plans', links.length === 0);
    show('show-all', links.length > 0);
    show('plans', true);
}

function planCard(link) {
    const item = document.createElement('li');
    item.className = 'card';
    item.dataset.alias = link.alias;
    const text = document.createElement('div');
    const name = document.createElement('h3');
    name.textContent = link.displayName;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const since = link.linkedAt ? ` · connected ${new Date(link.linkedAt).toLocaleDateString()}` : '';
    meta.textContent = `Member ${link.patientId}${since} `;
    const badge = document.createElement('span');
    badge.className = `badge ${link.tokenState}`;
    badge.textContent = link.tokenState === 'relink-required' ? 'needs reconnecting' : 'connected';
    meta.append(badge);
    text.append(name, meta);
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (link.tokenState === 'relink-required') {
        actions.append(button('Reconnect', '', () => relink(link)));
    } else {
        actions.append(button('Show claims', '', () => showRecords(link)));
    }
    actions.append(button('Disconnect', 'danger', () => unlink(link)));
    item.append(text, actions);
    return item;
}

function button(label, kind, action) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.className = kind;
    element.addEventListener('click', action);
    return element;
}

async function unlink(link) {
    const response = await call(`links/${encodeURIComponent(link.alias)}`, { method: 'DELETE' });
    if (!response.ok) {
        status(`Could not disconnect ${link.displayName}: ${await problem(response)}`, true);
        return;
    }
    const result = await response.json();
    status(result.revocation === 'failed'
        ? `${link.displayName} is disconnected here; the plan could not confirm revoking access (${result.revocationError}).`
        : `${link.displayName} is disconnected and its access was revoked at the plan.`);
    show('records', false);
    await showPlans();
}

async function fhir(link, query) {
    const response = await call(`fhir/${encodeURIComponent(link.alias)}/${query}`);
    if (response.status === 409) {
        status(`${link.displayName} needs to be reconnected. Choose Reconnect.`, true);
        await showPlans();
        return null;
    }
    if (!response.ok) {
        status(`${link.displayName}: ${await problem(response)}`, true);
        return null;
    }
    return response.json();
}

async function showRecords(link) {
    show('all-plans', false);
    status(`Reading ${link.displayName}...`);
    // R4 has no "use" search parameter: the proxy answers it (by the PDex profile where the plan declares it).
    const [coverage, eobs, auths] = await Promise.all([fhir(link, 'Coverage'),
        fhir(link, 'ExplanationOfBenefit?use=claim&_count=50'),
        fhir(link, 'ExplanationOfBenefit?use=preauthorization&_count=50')]);
    if (!coverage || !eobs || !auths) {
        return;
    }
    $('records-title').textContent = `${link.displayName}: coverage, claims and prior authorizations`;
    $('coverage').replaceChildren(...(coverage.entry || []).map((e) => coverageLine(e.resource)));
    $('claims').querySelector('tbody').replaceChildren(...(eobs.entry || [])
        .filter((e) => e.resource.resourceType === 'ExplanationOfBenefit').map((e) => claimRow(e.resource)));
    $('prior-authorizations').querySelector('tbody').replaceChildren(...(auths.entry || [])
        .filter((e) => e.resource.resourceType === 'ExplanationOfBenefit').map((e) => authorizationRow(e.resource)));
    $('raw-json').textContent = JSON.stringify({ coverage, claims: eobs, priorAuthorizations: auths }, null, 2);
    show('records', true);
    status(`${(eobs.entry || []).length} claims and ${(auths.entry || []).length} prior authorizations `
        + `from ${link.displayName}.`);
}

/** A PDex prior authorization: what was asked, the plan's decision (outcome and review action) and its period. */
function authorizationRow(eob) {
    const row = document.createElement('tr');
    const item = eob.item?.[0];
    const service = item?.productOrService?.coding?.[0]?.display || item?.productOrService?.text || 'Service';
    const review = item?.extension?.find((x) => x.url.endsWith('/extension-reviewAction'))
        ?.extension?.find((x) => x.url.endsWith('/extension-reviewActionCode'))?.valueCodeableConcept?.coding?.[0];
    const decision = review?.display || { complete: 'Approved', queued: 'Pending', partial: 'Partly approved' }[eob.outcome]
        || eob.outcome || '';
    const period = eob.preAuthRefPeriod?.[0] || eob.billablePeriod;
    const dates = period ? `${period.start || '…'} to ${period.end || '…'}` : '';
    for (const value of [service, eob.created || '', decision, dates, eob.preAuthRef?.[0] || '']) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
    }
    return row;
}

/** Display names of the member's plans by alias, for the rows of the All plans view. */
let planNames = new Map();

/**
 * What the All plans view lists, each one search across every connected plan (fhir/_all), merged by the proxy in
 * date order with each entry naming its plan in meta.source: claims, and prior authorizations beside them.
 */
const allPlansViews = [
    { kind: 'Claim', search: 'ExplanationOfBenefit?use=claim&_sort=-service-date&_count=20' },
    { kind: 'Prior authorization', search: 'ExplanationOfBenefit?use=preauthorization&_sort=-service-date&_count=20' },
];

/** The next page of each view, as its next link says; null once a view has no more. */
let allPlansNext = [];

async function showAllPlans() {
    show('records', false);
    $('all-plans-rows').querySelector('tbody').replaceChildren();
    $('all-plans-notes').replaceChildren();
    allPlansNext = allPlansViews.map((view) => `fhir/_all/${view.search}`);
    await moreOfAllPlans();
    show('all-plans', true);
}

async function moreOfAllPlans() {
    status('Reading all your plans...');
    const rows = [];
    for (const [i, view] of allPlansViews.entries()) {
        if (!allPlansNext[i]) {
            continue;
        }
        const response = await call(allPlansNext[i]);
        if (!response.ok) {
            status(`All plans: ${await problem(response)}`, true);
            return;
        }
        const bundle = await response.json();
        const next = (bundle.link || []).find((l) => l.relation === 'next')?.url;
        allPlansNext[i] = next ? next.substring(next.indexOf('fhir/_all/')) : null;
        for (const entry of bundle.entry || []) {
            if (entry.search?.mode === 'outcome') {
                allPlansNote(entry.resource);
            } else if (entry.resource.resourceType === 'ExplanationOfBenefit') {
                rows.push({ kind: view.kind, entry });
            }
        }
    }
    rows.sort((a, b) => serviceDate(b.entry.resource).localeCompare(serviceDate(a.entry.resource)));
    $('all-plans-rows').querySelector('tbody').append(...rows.map((row) => allPlansRow(row.kind, row.entry)));
    show('all-plans-more', allPlansNext.some((next) => next));
    const shown = $('all-plans-rows').querySelectorAll('tbody tr').length;
    status(`${shown} ${shown === 1 ? 'entry' : 'entries'} from ${planNames.size} ${planNames.size === 1 ? 'plan' : 'plans'}.`);
}

function serviceDate(eob) {
    return eob.billablePeriod?.start || eob.created || '';
}

/** The plan an entry came from: the alias at the end of its meta.source, by the name the member knows. */
function planOf(resource) {
    const alias = (resource.meta?.source || '').split('/').pop();
    return planNames.get(alias) || alias;
}

function allPlansRow(kind, entry) {
    const row = claimRow(entry.resource);
    const plan = document.createElement('td');
    plan.textContent = planOf(entry.resource);
    const kindCell = document.createElement('td');
    kindCell.textContent = kind;
    row.prepend(plan, kindCell);
    return row;
}

/** A plan that could not be read, or did not sort, as the proxy's outcome entry says. */
function allPlansNote(outcome) {
    const note = document.createElement('li');
    note.textContent = `${planOf(outcome)}: ${outcome.issue?.[0]?.diagnostics || 'could not be read.'}`;
    note.className = outcome.issue?.[0]?.severity === 'warning' ? 'warning' : 'error';
    $('all-plans-notes').append(note);
}

function coverageLine(c) {
    const p = document.createElement('p');
    const plan = c.class?.find((k) => k.type?.coding?.[0]?.code === 'plan')?.name || c.type?.text || 'Coverage';
    const payor = c.payor?.[0]?.display || '';
    const period = c.period ? ` · ${c.period.start || '…'} to ${c.period.end || 'now'}` : '';
    p.textContent = `${plan}${payor ? ` (${payor})` : ''} · ${c.status}${period}`;
    p.className = 'coverage';
    return p;
}

function money(eob, category) {
    const total = eob.total?.find((t) => t.category?.coding?.some((c) => c.code === category));
    return total ? `${total.amount.value.toFixed(2)} ${total.amount.currency || ''}` : '';
}

function claimRow(eob) {
    const row = document.createElement('tr');
    const type = eob.type?.coding?.[0]?.display || eob.type?.coding?.[0]?.code || eob.type?.text || 'Claim';
    const start = eob.billablePeriod?.start || eob.created || '';
    const end = eob.billablePeriod?.end && eob.billablePeriod.end !== start ? ` to ${eob.billablePeriod.end}` : '';
    const provider = eob.provider?.display || eob.careTeam?.[0]?.provider?.display || '';
    const paid = money(eob, 'benefit') || (eob.payment?.amount ? `${eob.payment.amount.value.toFixed(2)} ${eob.payment.amount.currency || ''}` : '');
    for (const [value, cls] of [[type], [`${start}${end}`], [provider], [money(eob, 'submitted'), 'num'], [paid, 'num']]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        if (cls) {
            cell.className = cls;
        }
        row.append(cell);
    }
    return row;
}

async function main() {
    $('sign-in').addEventListener('click', signIn);
    $('connect').addEventListener('click', openPicker);
    $('show-all').addEventListener('click', showAllPlans);
    $('all-plans-more').addEventListener('click', moreOfAllPlans);
    $('sign-out').addEventListener('click', () => {
        const idToken = tokens()?.id_token;
        sessionStorage.clear();
        location.assign(`${oidc}/logout?${new URLSearchParams({ client_id: config.clientId,
            post_logout_redirect_uri: redirectUri, ...(idToken ? { id_token_hint: idToken } : {}) })}`);
    });
    try {
        await finishRedirect();
    } catch (e) {
        status(e.message, true);
    }
    if (!tokens()) {
        show('signed-out', true);
        return;
    }
    const me = claims(tokens().access_token);
    $('who-name').textContent = me.name || me.preferred_username;
    show('who', true);
    await showPlans();
}

main();
