// Filters the plan list as the member types; without this script every plan is simply listed.
const search = document.getElementById('plan-search');
const items = Array.from(document.querySelectorAll('#plan-list .picker__item'));
const none = document.getElementById('plan-none');

function filter() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
        const match = words.every((word) => item.dataset.search.includes(word));
        item.hidden = !match;
        if (match) {
            shown += 1;
        }
    }
    none.hidden = shown > 0;
}

if (search) {
    search.addEventListener('input', filter);
    // Enter in the search box opens the only remaining plan.
    search.addEventListener('keydown', (event) => {
        const visible = items.filter((item) => !item.hidden);
        if (event.key === 'Enter' && visible.length === 1) {
            event.preventDefault();
            visible[0].querySelector('a').click();
        }
    });
}

// On Keycloak's sign-in page the list only knows names: logos and descriptions come from the realm's
// public plan directory.
const list = document.getElementById('plan-list');
if (list && list.dataset.directory) {
    fetch(list.dataset.directory, { headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : []))
        .then((plans) => {
            for (const plan of plans) {
                const item = list.querySelector(`[data-alias="${CSS.escape(plan.alias)}"]`);
                if (!item) {
                    continue;
                }
                if (plan.description) {
                    item.querySelector('.picker__description').textContent = plan.description;
                    item.dataset.search += ` ${plan.description.toLowerCase()}`;
                }
                if (plan.logoUrl) {
                    const logo = document.createElement('img');
                    logo.className = 'picker__logo';
                    logo.src = plan.logoUrl;
                    logo.alt = '';
                    logo.width = 48;
                    logo.height = 48;
                    item.querySelector('.picker__logo').replaceWith(logo);
                }
            }
        })
        .catch(() => { /* names alone still work */ });
}
