<#-- "Reconnect your health plan" (the required action payer-access-reconnect), rendered by the extension with
     this theme whatever the realm's own login theme is. One form posting back to the required action:
     "Reconnect" for a plan starts Keycloak's linking with that plan, "Later" lets the member in. -->
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>${title}</title>
    <link rel="stylesheet" href="${resourcesPath}/css/plan-picker.css">
</head>
<body class="picker-page">
<main class="picker" aria-labelledby="reconnect-title">
    <header class="picker__header">
        <h1 id="reconnect-title">${title}</h1>
        <p id="reconnect-intro">${intro}</p>
    </header>
    <form id="reconnect-form" method="post" action="${actionUrl}">
        <ul class="picker__list">
            <#list plans as plan>
                <li class="picker__item">
                    <div class="picker__plan reconnect__plan" id="plan-${plan.alias}">
                        <span class="picker__logo picker__logo--initial" aria-hidden="true">${plan.initial}</span>
                        <span class="picker__text">
                            <span class="picker__name">${plan.displayName}</span>
                            <span class="picker__description" id="why-${plan.alias}">${plan.why}</span>
                        </span>
                        <button class="reconnect__button" type="submit" name="choice" value="reconnect:${plan.alias}"
                                id="reconnect-${plan.alias}" aria-describedby="why-${plan.alias}">${reconnect}</button>
                    </div>
                </li>
            </#list>
        </ul>
        <p class="reconnect__later">
            <button class="reconnect__button reconnect__button--later" type="submit" name="choice" value="later"
                    id="reconnect-later">${later}</button>
        </p>
    </form>
</main>
</body>
</html>
