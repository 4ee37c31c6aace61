// Searches the plan list as the member types. A realm whose plans fit one page lists them all and the list is
// filtered here; a larger realm lists one page and the server searches (the page itself, asked again with `name`).
// Without this script the search box is a form the server answers.
const form = document.getElementById('plan-search-form');
const search = document.getElementById('plan-search');
const list = document.getElementById('plan-list');
const none = document.getElementById('plan-none');

// The server's match: every word, ignoring case and accents, in the plan's name, alias or description.
function fold(text) {
    return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function items() {
    return Array.from(list.querySelectorAll('.picker__item'));
}

function filter() {
    const words = fold(search.value).trim().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items()) {
        const match = words.every((word) => item.dataset.search.includes(word));
        item.hidden = !match;
        if (match) {
            shown += 1;
        }
    }
    none.hidden = shown > 0;
}

let asked = 0;

// Asks the server for the first page of plans matching the search, and shows it unless a later search answered.
async function searchOnServer() {
    const ask = ++asked;
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    const answer = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (!answer.ok || ask !== asked) {
        return;
    }
    const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
    list.replaceChildren(...Array.from(page.querySelectorAll('#plan-list .picker__item')).map((item) =>
        document.importNode(item, true)));
    document.getElementById('plan-more').replaceWith(document.importNode(page.getElementById('plan-more'), true));
    none.hidden = list.children.length > 0;
    list.setAttribute('aria-busy', 'false');
}

// A list the server already searched (the form was sent without the script) lacks the other plans: search there.
const listedBySearch = search !== null && search.value.trim() !== '';

function serverSearched() {
    return list.dataset.serverSearch === 'true' || listedBySearch;
}

if (search) {
    let pending;
    search.addEventListener('input', () => {
        if (!serverSearched()) {
            filter();
            return;
        }
        clearTimeout(pending);
        list.setAttribute('aria-busy', 'true');
        pending = setTimeout(searchOnServer, 250);
    });
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (serverSearched()) {
            clearTimeout(pending);
            await searchOnServer();
        }
        // Enter opens the only remaining plan; a plan that is down is not a link, so nothing happens for it.
        const visible = items().filter((item) => !item.hidden);
        const link = visible.length === 1 ? visible[0].querySelector('a') : null;
        if (link) {
            link.click();
        }
    });
}
