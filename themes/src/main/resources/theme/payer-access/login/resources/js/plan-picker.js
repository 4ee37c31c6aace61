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
        // A plan that is down is not a link, so Enter does nothing for it.
        const link = visible.length === 1 ? visible[0].querySelector('a') : null;
        if (event.key === 'Enter' && link) {
            event.preventDefault();
            link.click();
        }
    });
}
