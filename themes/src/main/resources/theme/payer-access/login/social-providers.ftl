<#-- Sign-in page: health plans (providers of type "payer") as a searchable picker with logos and
     descriptions (filled in from GET payer-access/payers), other identity providers as plain buttons. -->
<#macro show social>
    <#assign plans = social.providers?filter(p -> p.providerId == "payer")>
    <#assign others = social.providers?filter(p -> p.providerId != "payer")>
    <#if plans?has_content>
        <link rel="stylesheet" href="${url.resourcesPath}/css/plan-picker.css">
        <section class="picker picker--embedded" aria-labelledby="picker-title">
            <h2 id="picker-title" class="picker__title">${msg("identity-provider-login-label")}</h2>
            <div class="picker__search">
                <label for="plan-search">${msg("payerPickerSearchLabel")}</label>
                <input id="plan-search" type="search" autocomplete="off" spellcheck="false" aria-controls="plan-list">
            </div>
            <ul id="plan-list" class="picker__list"
                data-directory="${url.loginAction?keep_before('/realms/')}/realms/${realm.name}/payer-access/payers">
                <#list plans as p>
                    <li class="picker__item" data-alias="${p.alias}" data-search="${p.displayName?lower_case}">
                        <a class="picker__plan" id="social-${p.alias}" href="${p.loginUrl}">
                            <span class="picker__logo picker__logo--initial" aria-hidden="true">${p.displayName?substring(0, 1)?upper_case}</span>
                            <span class="picker__text">
                                <span class="picker__name">${p.displayName}</span>
                                <span class="picker__description"></span>
                            </span>
                        </a>
                    </li>
                </#list>
            </ul>
            <p id="plan-none" class="picker__none" role="status" aria-live="polite" hidden>${msg("payerPickerNoMatch")}</p>
        </section>
        <script type="module" src="${url.resourcesPath}/js/plan-picker.js"></script>
    </#if>
    <#if others?has_content>
        <ul class="picker__list">
            <#list others as p>
                <li class="picker__item">
                    <a class="picker__plan" id="social-${p.alias}" href="${p.loginUrl}">
                        <span class="picker__name">${p.displayName}</span>
                    </a>
                </li>
            </#list>
        </ul>
    </#if>
</#macro>
