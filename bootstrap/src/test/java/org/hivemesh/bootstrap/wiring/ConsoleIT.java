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
        Mesh.await("the refusal shown", () -> !browser.findElement(By.id("login-error")).getText().isBlank());
        assertThat(all("#nav")).allSatisfy(nav -> assertThat(nav.isDisplayed()).isFalse());
        browser.findElement(By.id("login-token")).clear();
        browser.findElement(By.id("login-token")).sendKeys(Node.ADMIN);
        browser.findElement(By.id("login-submit")).click();
        Mesh.await("live figures", () -> browser.findElement(By.id("live")).getText().startsWith("live"));
        assertThat(browser.executeScript("return sessionStorage.getItem('hivemesh.admin')")).isEqualTo(Node.ADMIN);
        assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("instance")).getText()).isEqualTo(a.instanceId());

        open("plans");
        WebElement approve = awaitElement("b's pending plan with an Approve button", "tr.plan[data-status='pending'] button.approve");
        String planId = approve.findElement(By.xpath("./ancestor::tr")).getAttribute("data-plan");
        approve.click();
        awaitElement("the plan approved", "tr.plan[data-plan='" + planId + "'][data-status='approved']");

        open("groups");
        Supplier<String> shownDigest = () -> all(".group[data-group='" + group + "'] .digest").stream().findFirst()
                .map(e -> e.getAttribute("data-digest")).orElse("");
        Mesh.await("b caught up, as the console shows it", () -> !all(".group[data-group='" + group
                + "'] tr.peer-row[data-lag='0'][data-behind='0']").isEmpty() && shownDigest.get().equals(b.digest(group)));
        assertThat(shownDigest.get()).isEqualTo(a.digest(group));
        assertThat(b.group(group).number("event_count")).isEqualTo(a.group(group).number("event_count"));
        assertThat(all(".group[data-group='" + group + "'] tr.peer-row")).singleElement().satisfies(row ->
                assertThat(row.getText()).contains("active"));

        // A change on b reaches a, and the open console shows it without a reload.
        String before = browser.findElement(By.cssSelector(".group[data-group='" + group + "'] [data-figure='event-count'] b")).getText();
        b.agent("bob").post("/api/v1/hives/gov/posts", "{\"title\":\"from b\"}");
        Mesh.await("a's event count rising on screen", () -> !browser.findElement(By.cssSelector(".group[data-group='"
                + group + "'] [data-figure='event-count'] b")).getText().equals(before));
        Mesh.awaitConvergence(group, a, b);
        Mesh.await("the console's digest matching b again", () -> shownDigest.get().equals(b.digest(group)));
        byte[] screenshot = browser.getScreenshotAs(OutputType.BYTES);

        open("peers");
        WebElement peer = awaitElement("b on the peers page", "#peers tr.peer");
        assertThat(peer.getText()).contains("active");
        assertThat(peer.findElement(By.cssSelector(".next-retry")).getText()).isEqualTo("—");
        Mesh.await("b's last success shown", () -> !all("#peers tr.peer .last-success").get(0).getText().equals("—"));
        assertThat(peer.findElement(By.cssSelector(".failures")).getText()).isEqualTo("0");

        open("roster");
        Mesh.await("b on the roster", () -> browser.findElement(By.id("page")).getText().contains(bId));
        open("audit");
        Mesh.await("the approval in the audit log", () -> browser.findElement(By.id("page")).getText().contains("approve"));

        open("hive");
        browser.findElement(By.id("agent-key")).sendKeys(alice.apiKey());
        browser.findElement(By.cssSelector("#page form button")).click();
        WebElement post = awaitElement("alice's post in the read view", "#feed .post a");
        Mesh.await("both posts in the feed", () -> all("#feed .post").size() == 2);
        browser.findElements(By.cssSelector("#feed .post a")).stream().filter(l -> l.getText().equals("agenda for the week"))
                .findFirst().orElseThrow().click();
        Mesh.await("the post's thread open", () -> browser.findElement(By.id("thread")).getText().contains("first item"));
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
