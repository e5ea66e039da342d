package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console at GET / in a real headless Chromium (Debian's chromium and chromium-driver, which scripts/test
 * installs): an operator signs in, approves the merge plan of a joining instance and watches the two converge.
 */
class ConsoleIT {
    private final Mesh mesh = new Mesh();
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("hivemesh.chromium", "/usr/bin/chromium"));
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("hivemesh.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        mesh.close();
    }

    private List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /** The element's text; the console redraws with every live update, so an element found may go stale at once. */
    private String textOf(By where) {
        return fresh(() -> browser.findElement(where).getText());
    }

    /** Reads the page again while a live redraw replaced what was found. */
    private static <T> T fresh(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 50) {
                    throw redrawn;
                }
            }
        }
    }

    private WebElement awaitElement(String what, String css) throws InterruptedException {
        return Mesh.awaitValue(what, Mesh.PATIENCE, () -> all(css).stream().findFirst().orElse(null), e -> e != null);
    }

    private void open(String page) {
        browser.findElement(By.cssSelector("#nav button[data-page='" + page + "']")).click();
    }

    @Test
    void anOperatorSignsInApprovesAJoinAndWatchesTheTwoInstancesConverge() throws Exception {
        Node a = mesh.node("a", Map.of());
        Node b = mesh.node("b", Map.of());
        Client alice = a.agent("alice");
        String group = a.createSyncedHive(alice, "gov", "roster");
        alice.post("/api/v1/hives/gov/posts", "{\"title\":\"agenda for the week\",\"content\":\"first item\"}");
        // b asks to join; in a roster group its handshake waits for a merge plan the owner approves.
        assertThat(b.adminCall("POST", "/api/v1/sync/peers", "{\"name\":\"a\",\"sync_endpoint\":\"" + a.base()
                + "\",\"shared_hives\":[\"gov\"]}").status()).isEqualTo(201);
        String bId = b.instanceId();

        browser.get(a.base() + "/");
        assertThat(browser.getTitle()).isEqualTo("hivemesh console");
        browser.findElement(By.id("login-token")).sendKeys("not-the-token");
        browser.findElement(By.id("login-submit")).click();
        Mesh.await("the refusal shown", () -> !textOf(By.id("login-error")).isBlank());
        assertThat(all("#nav")).allSatisfy(nav -> assertThat(nav.isDisplayed()).isFalse());
        browser.findElement(By.id("login-token")).clear();
        browser.findElement(By.id("login-token")).sendKeys(Node.ADMIN);
        browser.findElement(By.id("login-submit")).click();
        Mesh.await("live figures", () -> textOf(By.id("live")).startsWith("live"));
        assertThat(browser.executeScript("return sessionStorage.getItem('hivemesh.admin')")).isEqualTo(Node.ADMIN);
        assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(textOf(By.id("instance"))).isEqualTo(a.instanceId());

        open("plans");
        awaitElement("b's pending plan with an Approve button", "tr.plan[data-status='pending'] button.approve");
        String planId = fresh(() -> browser.findElement(By.cssSelector("tr.plan[data-status='pending']"))
                .getAttribute("data-plan"));
        fresh(() -> {
            browser.findElement(By.cssSelector("tr.plan[data-plan='" + planId + "'] button.approve")).click();
            return null;
        });
        awaitElement("the plan approved", "tr.plan[data-plan='" + planId + "'][data-status='approved']");

        open("groups");
        Supplier<String> shownDigest = () -> fresh(() -> all(".group[data-group='" + group + "'] .digest").stream()
                .findFirst().map(e -> e.getAttribute("data-digest")).orElse(""));
        Mesh.await("b caught up, as the console shows it", () -> !all(".group[data-group='" + group
                + "'] tr.peer-row[data-lag='0'][data-behind='0']").isEmpty() && shownDigest.get().equals(b.digest(group)));
        assertThat(shownDigest.get()).isEqualTo(a.digest(group));
        assertThat(b.group(group).number("event_count")).isEqualTo(a.group(group).number("event_count"));
        assertThat(all(".group[data-group='" + group + "'] tr.peer-row")).hasSize(1);
        assertThat(textOf(By.cssSelector(".group[data-group='" + group + "'] tr.peer-row"))).contains("active");

        // A change on b reaches a, and the open console shows it without a reload.
        String before = textOf(By.cssSelector(".group[data-group='" + group + "'] [data-figure='event-count'] b"));
        b.agent("bob").post("/api/v1/hives/gov/posts", "{\"title\":\"from b\"}");
        Mesh.await("a's event count rising on screen", () -> !textOf(By.cssSelector(".group[data-group='"
                + group + "'] [data-figure='event-count'] b")).equals(before));
        Mesh.awaitConvergence(group, a, b);
        Mesh.await("the console's digest matching b again", () -> shownDigest.get().equals(b.digest(group)));
        byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);

        open("peers");
        awaitElement("b on the peers page", "#peers tr.peer");
        assertThat(textOf(By.cssSelector("#peers tr.peer"))).contains("active");
        assertThat(textOf(By.cssSelector("#peers tr.peer .next-retry"))).isEqualTo("—");
        Mesh.await("b's last success shown", () -> !textOf(By.cssSelector("#peers tr.peer .last-success")).equals("—"));
        assertThat(textOf(By.cssSelector("#peers tr.peer .failures"))).isEqualTo("0");

        open("roster");
        Mesh.await("b on the roster", () -> textOf(By.id("page")).contains(bId));
        open("audit");
        Mesh.await("the approval in the audit log", () -> textOf(By.id("page")).contains("approve"));

        open("hive");
        browser.findElement(By.id("agent-key")).sendKeys(alice.apiKey());
        browser.findElement(By.cssSelector("#page form button")).click();
        WebElement post = awaitElement("alice's post in the read view", "#feed .post a");
        Mesh.await("both posts in the feed", () -> all("#feed .post").size() == 2);
        browser.findElements(By.cssSelector("#feed .post a")).stream().filter(l -> l.getText().equals("agenda for the week"))
                .findFirst().orElseThrow().click();
        Mesh.await("the post's thread open", () -> textOf(By.id("thread")).contains("first item"));
        assertThat(post.isDisplayed()).isTrue();

        assertNotBlank(screenshot);
        Path saved = Path.of("target", "console-groups.png");
        Files.write(saved, screenshot);
    }

    /** A page that failed to render is one colour, or nearly: ask for many colours and some ink on it. */
    private static void assertNotBlank(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(1000);
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(image.getWidth() - 1, image.getHeight() - 1);
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    ink++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertThat(colours).as("distinct colours").hasSizeGreaterThan(50);
        assertThat((double) ink / sampled).as("share of the page not background").isGreaterThan(0.05);
    }
}
