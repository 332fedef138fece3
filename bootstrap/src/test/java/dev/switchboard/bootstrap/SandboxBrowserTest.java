package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sandbox page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; {@code .ci/run} installs them): the bridge runs as {@code --sandbox} in its own
 * JVM, and the test does what a visitor does on the page. It fails, never skips, without Chromium.
 * It leaves a screenshot of the page in {@code docs/img/sandbox.png}, the one the README shows.
 */
class SandboxBrowserTest {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("sandbox.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("sandbox.chromedriver", "/usr/bin/chromedriver"));
  private static final String PHONE = ".wa-conv:not([hidden]) ";
  private static final String DESK = ".desk-conv:not([hidden]) ";

  @TempDir Path workingDir;
  private BridgeProcess bridge;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "Chromium at "
                + CHROMIUM
                + " (apt-get install -y chromium chromium-driver; .ci/run does)")
        .isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as("chromedriver at " + CHROMEDRIVER + " (apt-get install -y chromium-driver)")
        .isTrue();
    bridge =
        new BridgeProcess(
                Map.of(), workingDir.resolve("bridge.log"), List.of("--sandbox"), workingDir)
            .start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1480,940",
        "--force-device-scale-factor=1",
        "--lang=en-US",
        "--user-data-dir=" + workingDir.resolve("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(25), Duration.ofMillis(100));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void a_visitor_watches_messages_go_both_ways_through_the_bridge() throws IOException {
    driver.get(bridge.url() + "/sandbox");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    assertThat(driver.findElement(By.id("sandbox-banner")).getText()).contains("SANDBOX");
    List<WebElement> customers = driver.findElements(By.cssSelector(".customer-chip"));
    assertThat(customers).hasSizeGreaterThanOrEqualTo(2);

    // a closed window: the second customer last wrote 25 hours ago
    customers.get(1).click();
    toggle("phone-backdate");
    customerTypes("I ordered a tent yesterday, any news?");
    awaitText(DESK + ".msg.customer", "I ordered a tent yesterday, any news?");
    toggle("phone-backdate");
    agentTypes("Sorry for the wait! Let me check.");
    awaitText(DESK + ".msg.agent .receipt", "Failed · MessageExpired");
    assertThat(texts(PHONE + ".bubble.in")).noneMatch(t -> t.contains("Sorry for the wait"));

    // the re-engaging number: a late answer is held behind the template until the customer replies
    WebElement reengaging =
        customers.stream()
            .filter(chip -> chip.getText().contains("Dev Patel"))
            .findFirst()
            .orElseThrow();
    reengaging.click();
    toggle("phone-backdate");
    customerTypes("Is the shop open on Sunday?");
    awaitText(DESK + ".msg.customer", "Is the shop open on Sunday?");
    toggle("phone-backdate");
    agentTypes("Yes, from 10 to 4.");
    awaitText(PHONE + ".bubble.in .tpl", "we_have_a_reply");
    awaitText(DESK + ".msg.agent .receipt", "Held for re-engagement");
    customerTypes("Go on?");
    awaitText(PHONE + ".bubble.in", "Yes, from 10 to 4.");
    awaitText(DESK + ".msg.agent .receipt", "Delivered");

    // the first customer: text each way, with the receipt
    customers.get(0).click();
    customerTypes("Hi! Is my order on its way?");
    awaitText(DESK + ".msg.customer", "Hi! Is my order on its way?");
    awaitText(PHONE + ".bubble.out .ticks", "✓✓"); // it reached Genesys
    agentTypes("Yes, it left our warehouse this morning.");
    awaitText(PHONE + ".bubble.in", "Yes, it left our warehouse this morning.");
    awaitCount(DESK + ".msg.agent .receipt", "Delivered", 1);

    // a picture each way: the agent sees it through the bridge's signed link
    driver.findElement(By.id("phone-file")).sendKeys(picture("tent.png", true).toString());
    awaitImage(DESK + ".msg.customer img");
    assertThat(driver.findElement(By.cssSelector(DESK + ".msg.customer img")).getAttribute("src"))
        .contains("/media/")
        .contains("signature=");
    driver.findElement(By.id("desk-file")).sendKeys(picture("size-guide.png", false).toString());
    awaitImage(PHONE + ".bubble.in img");
    awaitCount(DESK + ".msg.agent .receipt", "Delivered", 2);

    // quick replies: the tap reaches the agent as the chosen option
    click("desk-qr");
    driver.findElement(By.id("qr-question")).sendKeys("Which size do you need?");
    driver.findElement(By.id("qr-options")).sendKeys("Small, Medium, Large");
    click("qr-send");
    awaitText(PHONE + ".qr-button", "Medium");
    driver.findElements(By.cssSelector(PHONE + ".qr-button")).stream()
        .filter(button -> button.getText().equals("Medium"))
        .findFirst()
        .orElseThrow()
        .click();
    awaitText(DESK + ".msg.customer .chip", "Medium");
    assertThat(
            driver
                .findElement(By.cssSelector(DESK + ".msg.customer .chip"))
                .getAttribute("data-payload"))
        .isEqualTo("option-medium");

    // a location, and a template, for the picture
    click("phone-location");
    awaitCount(DESK + ".msg.customer", "", 4);
    click("desk-template");
    awaitText(PHONE + ".bubble.in .tpl", "order_update");
    awaitCount(DESK + ".msg.agent .receipt", "Delivered", 4);
    awaitText("#hops .what", "inbound/open/receipt");

    screenshot();
  }

  private void click(String id) {
    WebElement element = driver.findElement(By.id(id));
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].scrollIntoView({block: 'nearest'})", element);
    try {
      element.click();
    } catch (RuntimeException notInteractable) {
      throw new AssertionError("#" + id + " cannot be clicked" + failure(), notInteractable);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void toggle(String id) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].click()", driver.findElement(By.id(id)));
  }

  private void customerTypes(String text) {
    driver.findElement(By.id("phone-input")).sendKeys(text);
    click("phone-send");
  }

  private void agentTypes(String text) {
    driver.findElement(By.id("desk-input")).sendKeys(text);
    click("desk-send");
  }

  private List<String> texts(String css) {
    // the text in the page, whether or not it is scrolled into view
    return driver.findElements(By.cssSelector(css)).stream()
        .map(element -> element.getDomProperty("textContent"))
        .toList();
  }

  private void awaitText(String css, String text) {
    try {
      wait.until(d -> texts(css).stream().anyMatch(t -> t.contains(text)));
    } catch (RuntimeException timeout) {
      throw new AssertionError(
          "no " + css + " with \"" + text + "\"; there are " + texts(css) + failure(), timeout);
    }
  }

  private void awaitCount(String css, String text, int count) {
    try {
      wait.until(d -> texts(css).stream().filter(t -> t.contains(text)).count() >= count);
    } catch (RuntimeException timeout) {
      throw new AssertionError(
          count
              + " of "
              + css
              + " with \""
              + text
              + "\" expected; there are "
              + texts(css)
              + failure(),
          timeout);
    }
  }

  private void awaitImage(String css) {
    wait.until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return [...document.querySelectorAll(arguments[0])]"
                            + ".some(i => i.complete && i.naturalWidth > 0)",
                        css));
  }

  /** What went wrong: the page as it was (target/sandbox-failure.png) and the sandbox's feed. */
  private String failure() {
    try {
      Path shot =
          ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
      Files.createDirectories(target);
      Files.copy(shot, target.resolve("sandbox-failure.png"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(target.resolve("sandbox-failure.html"), driver.getPageSource());
      return "\nthe page: target/sandbox-failure.png; the feed: "
          + Stubs.get(bridge.url() + "/sandbox/api/events?after=0").body()
          + "\nthe bridge's log:\n"
          + bridge.logText();
    } catch (IOException | RuntimeException e) {
      return "\n(no screenshot: " + e + ")";
    }
  }

  /** A small PNG: a tent under the sky, or a size guide. */
  private Path picture(String name, boolean tent) throws IOException {
    BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (tent) {
      g.setPaint(new GradientPaint(0, 0, new Color(0x8ecae6), 0, 220, new Color(0xfefae0)));
      g.fillRect(0, 0, 480, 320);
      g.setColor(new Color(0x6a994e));
      g.fillRect(0, 220, 480, 100);
      g.setColor(new Color(0xf4a261));
      g.fillPolygon(new int[] {130, 240, 350}, new int[] {250, 90, 250}, 3);
      g.setColor(new Color(0x264653));
      g.fillPolygon(new int[] {215, 240, 265}, new int[] {250, 180, 250}, 3);
      g.setColor(new Color(0xffb703));
      g.fillOval(380, 30, 56, 56);
    } else {
      g.setColor(new Color(0xf8f9fa));
      g.fillRect(0, 0, 480, 320);
      g.setColor(new Color(0x3b5bdb));
      g.fillRect(0, 0, 480, 64);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
      g.drawString("Size guide", 24, 44);
      g.setColor(new Color(0x343a40));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
      String[] rows = {
        "S   1 person   210 x 80", "M   2 people   210 x 130", "L   4 people   240 x 210"
      };
      g.setStroke(new BasicStroke(2));
      for (int i = 0; i < rows.length; i++) {
        g.drawString(rows[i], 30, 120 + i * 64);
        g.drawLine(24, 140 + i * 64, 456, 140 + i * 64);
      }
    }
    g.dispose();
    Path file = workingDir.resolve(name);
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private void screenshot() throws IOException {
    driver.manage().window().setSize(new Dimension(1480, 1110));
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    pause(1500); // the trace and meters panels refresh, animations settle
    Path shot =
        ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Path docs =
        Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .resolve("../docs/img")
            .normalize();
    Files.createDirectories(docs);
    Files.copy(shot, docs.resolve("sandbox.png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
