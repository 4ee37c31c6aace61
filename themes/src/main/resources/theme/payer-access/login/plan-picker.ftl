<#-- The health-plan picker (GET /realms/{realm}/payer-access/connect), rendered by the extension with
     this theme whatever the realm's own login theme is. Each plan links to Keycloak's
     application-initiated linking for the calling app. Works without JavaScript (the search box is then a form the server answers); the script searches as
     the member types: in the page when every plan is listed, on the server when the realm has more plans than a page. -->
<#macro planCard plan status>
    <#if plan.logoUrl?has_content>
        <img class="picker__logo" src="${plan.logoUrl}" alt="" width="48" height="48">
    <#else>
        <span class="picker__logo picker__logo--initial" aria-hidden="true">${plan.initial}</span>
    </#if>
    <span class="picker__text">
        <span class="picker__name">${plan.displayName}</span>
        <#if status?has_content><span class="picker__status">${status}</span></#if>
        <#if plan.description?has_content><span class="picker__description">${plan.description}</span></#if>
    </span>
</#macro>
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>${title}</title>
    <link rel="stylesheet" href="${resourcesPath}/css/plan-picker.css">
    <script type="module" src="${resourcesPath}/js/plan-picker.js"></script>
</head>
<body class="picker-page">
<main class="picker" aria-labelledby="picker-title">
    <header class="picker__header">
        <h1 id="picker-title">${title}</h1>
        <p id="picker-intro">${intro}</p>
    </header>
    <#if anyPlans>
        <#-- Without the script the search is this form: the server answers with the matching plans. -->
        <form id="plan-search-form" class="picker__search" method="get" role="search">
            <label for="plan-search">${searchLabel}</label>
            <#list appParameters as parameter, value>
                <input type="hidden" name="${parameter}" value="${value}">
            </#list>
            <input id="plan-search" name="name" type="search" autocomplete="off" spellcheck="false" value="${name}"
                   aria-describedby="picker-intro" aria-controls="plan-list" placeholder="${searchPlaceholder}">
            <button type="submit" class="picker__search-button">${searchButton}</button>
        </form>
        <ul id="plan-list" class="picker__list" data-server-search="${serverSearch}">
            <#list plans as plan>
                <li class="picker__item" data-search="${plan.search}">
                    <#if plan.down == "true">
                        <div class="picker__plan picker__plan--down" id="plan-${plan.alias}" aria-disabled="true"><@planCard plan=plan status=planDown/></div>
                    <#else>
                        <a class="picker__plan" id="plan-${plan.alias}" href="${plan.linkUrl}"><@planCard plan=plan status=""/></a>
                    </#if>
                </li>
            </#list>
        </ul>
        <p id="plan-none" class="picker__none" role="status" aria-live="polite"<#if plans?has_content> hidden</#if>>${noMatch}</p>
        <p id="plan-more" class="picker__more"<#if !moreUrl?has_content> hidden</#if>>${more}<a id="plan-more-link" href="${moreUrl}">${moreLabel}</a>.</p>
    <#else>
        <p class="picker__none">${noPlans}</p>
    </#if>
</main>
</body>
</html>
