package dev.detour.team;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Merging summaries into the team view: per upstream (name and URL), boxes failing, the sentence. */
class TeamMergeTest {
    private static final String URL = "https://api.anthropic.com";

    private static Summary summary(String box, String session, int requests, int failures, String failure) {
        Map<String, Integer> classes = failure == null ? Map.of("ok", requests) : Map.of("ok", requests - failures, failure, failures);
        return new Summary(box, session, 1000, List.of("anthropic"), null,
                List.of(new Summary.Line("anthropic", URL, requests, failures, classes, "closed", 200, 900)));
    }

    @Test
    void theSentenceCountsBoxesFailingAndTheShareOfAllRequests() {
        List<Summary> summaries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            summaries.add(summary("box-" + i, "main", 300, 180, "overloaded"));
        }
        for (int i = 7; i < 12; i++) {
            summaries.add(summary("box-" + i, "main", 204, 4, "overloaded"));
        }
        TeamView view = TeamMerge.merge(summaries, 2000);
        assertEquals(12, view.boxes());
        TeamView.Upstream up = view.upstreams().get(0);
        assertEquals(3120, up.requests());
        assertEquals("anthropic: overloaded on 7 of 12 boxes, 41% of 3,120 requests", up.sentence());
        assertEquals(12, view.sessions().size());
    }

    @Test
    void sessionsOfOneBoxCountTheBoxOnceAndAHealthyUpstreamSaysSo() {
        TeamView view = TeamMerge.merge(List.of(summary("a", "main", 10, 0, null), summary("a", "review", 5, 0, null)), 0);
        TeamView.Upstream up = view.upstreams().get(0);
        assertEquals(1, up.boxesWithTraffic());
        assertEquals(2, up.bridges());
        assertNull(up.failure());
        assertEquals("anthropic: healthy on 1 box, 0% errors of 15 requests", up.sentence());
    }

    @Test
    void theSameNameAtAnotherUrlIsAnotherUpstreamAndIdleLinesAreLeftOut() {
        Summary other = new Summary("b", "main", 0, List.of(), null, List.of(
                new Summary.Line("anthropic", "https://proxy.example", 3, 3, Map.of("outage", 3), "open", 503, 1),
                new Summary.Line("openai", "https://api.openai.com/v1", 0, 0, Map.of(), "closed", null, 0)));
        TeamView view = TeamMerge.merge(List.of(summary("a", "main", 10, 0, null), other), 0);
        assertEquals(2, view.upstreams().size());
        assertEquals("anthropic: outage on 1 of 1 box, 100% of 3 requests",
                view.upstreams().stream().filter(u -> u.url().equals("https://proxy.example")).findFirst().orElseThrow().sentence());
    }

    @Test
    void eachBoxsNewestProbeVerdictIsCountedOnceEvenWithoutTraffic() {
        Summary aMain = new Summary("a", "main", 0, List.of(), null, List.of(
                new Summary.Line("anthropic", URL, 10, 0, Map.of("ok", 10), "closed", 200, 5, "healthy", 100)));
        Summary aReview = new Summary("a", "review", 0, List.of(), null, List.of(
                new Summary.Line("anthropic", URL, 0, 0, Map.of(), null, null, 0, "down", 300)));
        Summary bMain = new Summary("b", "main", 0, List.of(), null, List.of(
                new Summary.Line("anthropic", URL, 0, 0, Map.of(), null, null, 0, "down", 200)));
        Summary cMain = new Summary("c", "main", 0, List.of(), null, List.of(
                new Summary.Line("anthropic", URL, 0, 0, Map.of(), null, null, 0, "degraded", 250)));
        TeamView.Upstream up = TeamMerge.merge(List.of(aMain, aReview, bMain, cMain), 1000).upstreams().get(0);
        assertEquals(Map.of("down", 2, "degraded", 1), up.probes(), "box a's newest verdict (down at 300) wins");
        assertEquals(300, up.probedAt());
        assertEquals(1, up.boxesWithTraffic(), "a verdict is not traffic");
        assertEquals("anthropic: healthy on 1 box, 0% errors of 10 requests; probes: down on 2, degraded on 1 boxes",
                up.sentence());
        TeamView.Upstream probedOnly = TeamMerge.merge(List.of(bMain), 1000).upstreams().get(0);
        assertEquals("anthropic: no recent traffic; probes: down on 1 box", probedOnly.sentence());
    }

    @Test
    void clientErrorsAreNotTheUpstreamsFailure() {
        assertNull(TeamMerge.dominant(Map.of("ok", 5, "client-error", 9)));
        assertEquals("outage", TeamMerge.dominant(Map.of("overloaded", 2, "outage", 2)), "ties are broken by name");
    }
}
