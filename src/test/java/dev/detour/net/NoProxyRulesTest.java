package dev.detour.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoProxyRulesTest {
    @Test
    void aNameMatchesItselfAndEverythingUnderItWithOrWithoutALeadingDot() {
        NoProxyRules rules = NoProxyRules.parse("corp.example, .internal");
        assertTrue(rules.bypass("corp.example", 443));
        assertTrue(rules.bypass("llm.corp.example", 443));
        assertTrue(rules.bypass("LLM.Corp.Example.", 443));
        assertTrue(rules.bypass("a.b.internal", 443));
        assertTrue(rules.bypass("internal", 443));
        assertFalse(rules.bypass("notcorp.example", 443), "a suffix must start at a dot");
        assertFalse(rules.bypass("api.anthropic.com", 443));
    }

    @Test
    void aStarAloneMatchesEverythingButNotInsideAList() {
        assertTrue(NoProxyRules.parse("*").bypass("api.anthropic.com", 443));
        assertTrue(NoProxyRules.parse(" * ").bypass("10.1.2.3", 80));
        assertTrue(NoProxyRules.parse("*.corp.example").bypass("x.corp.example", 443));
        assertFalse(NoProxyRules.parse("*.corp.example").bypass("example", 443));
    }

    @Test
    void addressesMatchExactlyOrByNetwork() {
        NoProxyRules rules = NoProxyRules.parse("10.0.0.0/8,192.168.1.7 ::1 fd00::/8");
        assertTrue(rules.bypass("10.200.3.4", 443));
        assertFalse(rules.bypass("11.0.0.1", 443));
        assertTrue(rules.bypass("192.168.1.7", 443));
        assertFalse(rules.bypass("192.168.1.8", 443));
        assertTrue(rules.bypass("[::1]", 443));
        assertTrue(rules.bypass("fd12:3456::1", 443));
        assertFalse(rules.bypass("2001:db8::1", 443));
        assertFalse(rules.bypass("10.example", 443), "a name is never matched as an address");
    }

    @Test
    void aPortLimitsAnEntryToThatPort() {
        NoProxyRules rules = NoProxyRules.parse("gateway.corp:8443,[fd00::5]:9000");
        assertTrue(rules.bypass("gateway.corp", 8443));
        assertFalse(rules.bypass("gateway.corp", 443));
        assertTrue(rules.bypass("fd00::5", 9000));
        assertFalse(rules.bypass("fd00::5", 443));
    }

    @Test
    void nothingSetBypassesNothing() {
        assertFalse(NoProxyRules.parse(null).bypass("corp.example", 443));
        assertFalse(NoProxyRules.parse(" , ").bypass("corp.example", 443));
    }
}
