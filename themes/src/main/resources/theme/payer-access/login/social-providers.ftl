<#-- Sign-in page: identity providers other than health plans, as plain buttons. Health plans (providers of
     type "payer") are never offered here: a plan's member check is no password for an account, so members
     connect their plan after they signed in (plan picker, account console, apps). Keycloak already leaves
     link-only and hidden providers out of social.providers; this filter holds whatever a plan's flags say. -->
<#macro show social>
    <#assign others = social.providers?filter(p -> p.providerId != "payer")>
    <#if others?has_content>
        <div class="${properties.kcLoginMainFooterBand!}">
            <span class="${properties.kcLoginMainFooterBandItem!} ${properties.kcLoginMainFooterHelperText!}">${msg("identity-provider-login-label")}</span>
        </div>
        <div id="kc-social-providers" class="${properties.kcFormSocialAccountSectionClass!}">
            <ul class="${properties.kcFormSocialAccountListClass!}">
                <#list others as p>
                    <li class="${properties.kcFormSocialAccountListItemClass!}">
                        <a id="social-${p.alias}" class="${properties.kcFormSocialAccountListButtonClass!}" href="${p.loginUrl}">
                            <span class="${properties.kcFormSocialAccountNameClass!}">${p.displayName!}</span>
                        </a>
                    </li>
                </#list>
            </ul>
        </div>
    </#if>
</#macro>
