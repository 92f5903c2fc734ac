package org.queqiao.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** An organiser opens the union dashboard on a phone, reads the chart and its table, and downloads the XLSX. */
class DashboardOnAPhoneTest {
  @Test
  void theDashboardReadsOnAPhoneAndDownloadsASpreadsheet() throws Exception {
    Api api = TestApp.api();
    String t = Events.token();
    long union = ReportFixture.union(api, "手机报表工会" + t, null);
    Api.Member organizer = Events.organizer(api, api.adminToken());
    ReportFixture.sql("UPDATE users SET union_id = ? WHERE id = ?", union, organizer.id());
    long event = Events.published(api, organizer.token(), Events.salon("手机报表读书会 " + t, 3));
    ReportFixture.checkIn(ReportFixture.signUp(api, api.registerAndLogin(), event));
    ReportFixture.signUp(api, api.registerAndLogin(), event);
    ReportFixture.heldAt(event, "2025-06-14T14:00:00+08:00");
    ReportFixture.audience(event, union);

    try (Browser browser = Browser.launch();
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
            .setAcceptDownloads(true))) {
      Browser.signIn(context, organizer);
      Page page = context.newPage();
      List<String> problems = Browser.problemsOf(page);
      page.navigate("/reports?from=2025-01-01&to=2025-12-31");
      assertTrue(page.locator("h1").innerText().contains("报表"));
      assertEquals("每月报名与到场人次", page.locator("#people-chart svg title").first().textContent());
      assertEquals(2, page.locator("#people-chart rect.bar").count(), "sign-ups and attendances for one month");
      assertTrue(page.locator("#months-table").innerText().contains("2025-06"));
      assertTrue(page.locator("#months-table").innerText().contains("50.0%"));
      int overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).intValue();
      assertTrue(overflow <= 0, "nothing scrolls sideways on a phone: " + overflow);
      assertTrue(problems.isEmpty(), problems.toString());
      Browser.screenshot(page, "union-dashboard-phone");

      Download download = page.waitForDownload(() -> page.locator("a[href*='format=xlsx']").click());
      assertTrue(download.suggestedFilename().endsWith(".xlsx"), download.suggestedFilename());
      try (InputStream in = Files.newInputStream(download.path()); ReadableWorkbook workbook = new ReadableWorkbook(in)) {
        List<Row> rows = workbook.getFirstSheet().read();
        assertEquals("读书会", rows.get(1).getCell(1).asString());
        assertEquals(0, new BigDecimal(2).compareTo(rows.get(1).getCell(3).asNumber()), "two sign-ups");
        assertEquals(0, new BigDecimal(1).compareTo(rows.get(1).getCell(5).asNumber()), "one attendance");
      }
    }
  }
}
